// The embed's pure parts in Node: reading the tag's attributes, the palette it shares with the
// page, and the build steps behind dist/ (what the compact embed loads, and the
// esbuild bundle behind the standalone file).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { bundleScript } from '../../scripts/dist.mjs';
import { closure } from '../../scripts/module-graph.mjs';
import { BUDGET, visitFiles } from '../../scripts/size.mjs';
import { DATA, DATA_SEED, embedConfig } from '../../www/embed/config.js';
import { DATA_SETS, DEFAULTS as DIGITS_DEFAULTS } from '../../www/digits/config.js';
import { DIGITS } from '../../www/core/digit.js';
import { DEFAULTS } from '../../www/core/urlstate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const attrs = (map) => (name) => map[name] ?? null;

describe('www/embed/config.js', () => {
  test("no attributes: the page's defaults, compact, waiting for Play", () => {
    assert.deepEqual(embedConfig(attrs({})), {
      state: { ...DEFAULTS },
      autoplay: false,
      panels: 'compact',
      height: null,
      controls: null,
      data: null,
    });
  });

  test('every attribute, read as a link reads it', () => {
    const config = embedConfig(
      attrs({
        seed: '42',
        preset: '7',
        epochs: '2,000',
        speed: 'max',
        'learning-rate': '0.003',
        autoplay: '',
        panels: 'FULL',
        height: '420',
        controls: 'Play, seed',
      }),
    );
    assert.deepEqual(config, {
      state: {
        ...DEFAULTS,
        seed: 42,
        input: [...DIGITS[7]],
        epochs: 2000,
        speed: 'max',
        learningRate: 0.003,
      },
      autoplay: true,
      panels: 'full',
      height: '420px',
      controls: new Set(['play', 'seed']),
      data: null,
    });
    // pixels: a link's input= (16 hex digits); it wins over preset.
    assert.deepEqual(embedConfig(attrs({ preset: '7', pixels: '10305090f8101010' })).state.input, [
      ...DIGITS[4],
    ]);
    assert.equal(embedConfig(attrs({ height: '30rem' })).height, '30rem');
    assert.equal(embedConfig(attrs({ autoplay: 'false' })).autoplay, false);
    assert.equal(embedConfig(attrs({ autoplay: 'autoplay' })).autoplay, true);
    assert.equal(
      embedConfig(attrs({ theme: 'Dark' })).panels,
      'compact',
      'a good theme is accepted',
    );
  });

  test("the network's attributes, and a clash refused by name", () => {
    const { state } = embedConfig(
      attrs({
        encoder: '32-16',
        latent: '2',
        decoder: '',
        activation: 'tanh',
        'latent-activation': 'linear',
        output: 'linear',
        loss: 'mse',
        optimizer: 'sgd',
        momentum: '0.9',
        l1: '0.001',
        noise: 'mask:0.2',
      }),
    );
    assert.deepEqual(
      { ...state, input: null },
      {
        ...DEFAULTS,
        input: null,
        encoder: [32, 16],
        latent: 2,
        decoder: [],
        activation: 'tanh',
        latentActivation: 'linear',
        output: 'linear',
        optimizer: 'sgd',
        momentum: 0.9,
        l1: 0.001,
        noise: { type: 'mask', amount: 0.2 },
      },
    );
    assert.throws(() => embedConfig(attrs({ loss: 'binary_crossentropy', output: 'linear' })), {
      message: /^loss: must be mse with a linear output/,
    });
    assert.throws(() => embedConfig(attrs({ momentum: '0.5' })), {
      message: /^momentum: must be 0 unless the optimizer is sgd/,
    });
  });

  test('a bad value throws, naming the attribute', () => {
    const cases = {
      seed: ['-1', /^seed: must be a whole number/],
      preset: ['12', /^preset: must be a digit from 0 to 9/],
      pixels: ['ff', /^pixels: must be 16 hex digits/],
      epochs: ['0', /^epochs: must be a whole number from 1/],
      speed: ['3', /^speed: must be one of 1, 2, 5/],
      'learning-rate': ['fast', /^learning-rate: must be a number/],
      panels: ['all', /^panels: must be one of compact, full, map, generate, got "all"$/],
      data: ['cifar', /^data: must be one of digits, mnist, quickdraw, got "cifar"$/],
      height: ['tall', /^height: must be a length/],
      theme: [
        'purple',
        /^theme: must be light or dark \(or no theme attribute: the OS's choice\), got "purple"/,
      ],
      autoplay: ['yes', /^autoplay: must be present \(or "true"\) or "false", got "yes"/],
      encoder: ['16-0', /^encoder: must be up to 3 widths of 1 to 64/],
      latent: ['17', /^latent: must be a whole number from 1 to 16/],
      'latent-activation': [
        'gelu',
        /^latent-activation: must be one of relu, tanh, sigmoid, linear, elu/,
      ],
      noise: ['salt', /^noise: must be none, gaussian:/],
    };
    for (const [name, [value, message]] of Object.entries(cases)) {
      assert.throws(() => embedConfig(attrs({ [name]: value })), { message }, name);
    }
  });

  test('several bad values: every one is named, in one message', () => {
    const bad = {
      data: 'cifar',
      seed: '-5',
      speed: '7',
      panels: 'huge',
      theme: 'purple',
      latent: '99',
      height: 'abc',
      epochs: '0',
      noise: 'salt',
    };
    assert.throws(
      () => embedConfig(attrs(bad)),
      (err) => {
        const named = err.message.split('; ').map((part) => part.split(':')[0]);
        assert.deepEqual(named.sort(), Object.keys(bad).sort(), err.message);
        return true;
      },
    );
  });

  test('controls the compact view does not have are refused by name, not dropped', () => {
    assert.throws(() => embedConfig(attrs({ controls: 'play seed' })), {
      message: /^controls: seed needs panels="full"$/,
    });
    assert.throws(() => embedConfig(attrs({ controls: 'chart step play' })), {
      message: /^controls: chart needs panels="full"; controls: step needs panels="full"$/,
    });
    assert.deepEqual(
      embedConfig(attrs({ controls: 'play seed', panels: 'full' })).controls,
      new Set(['play', 'seed']),
    );
    assert.deepEqual(
      embedConfig(attrs({ controls: 'play loss' })).controls,
      new Set(['play', 'loss']),
    );
  });

  test('panels="map" and "generate" take a data set (the data page\'s), and only they do', () => {
    const map = embedConfig(attrs({ panels: 'Map', data: 'MNIST' }));
    assert.equal(map.panels, 'map');
    assert.equal(map.data, 'mnist');
    // The data page's default seed until one is given.
    assert.equal(map.state.seed, DIGITS_DEFAULTS.seed);
    assert.equal(embedConfig(attrs({ panels: 'map', seed: '9' })).state.seed, 9);
    assert.equal(embedConfig(attrs({ panels: 'generate' })).data, 'digits');
    assert.deepEqual(DATA, Object.keys(DATA_SETS));
    assert.equal(DATA_SEED, DIGITS_DEFAULTS.seed);
    for (const panels of [undefined, 'compact', 'full'])
      assert.throws(() => embedConfig(attrs({ panels, data: 'digits' })), {
        message: `data: only panels="map" and panels="generate" take a data set, not "${panels ?? 'compact'}"`,
      });
  });
});

describe('www/embed/embed.css', () => {
  // `--name: value;` pairs of the first block after `selector`, hooks unwrapped.
  const palette = (css, selector) => {
    const start = css.indexOf(selector);
    assert.ok(start >= 0, selector);
    const block = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
    return Object.fromEntries(
      [...block.matchAll(/(--[\w-]+):\s*(?:var\(--tae-[\w-]+, ([^)]+)\)|([^;]+));/g)].map((m) => [
        m[1],
        (m[2] ?? m[3]).trim(),
      ]),
    );
  };
  const page = readFileSync(path.join(ROOT, 'www/core/style.css'), 'utf8');
  const embed = readFileSync(path.join(ROOT, 'www/embed/embed.css'), 'utf8');

  test("its colours are the page's, light and dark, each behind a --tae-* hook", () => {
    const colours = (p) =>
      Object.fromEntries(
        Object.entries(p).filter(
          ([k]) => !['--img', '--img-small', '--radius', '--rem'].includes(k),
        ),
      );
    const light = palette(page, ':root,\n:host {');
    const dark = palette(page, '@media (prefers-color-scheme: dark) {\n  :root,\n  :host {');
    // Each colour once: `--name: var(--tae-name, var(--in-light, L) var(--in-dark, D));`.
    const themed = [
      ...embed.matchAll(
        /(--[\w-]+): var\(--tae-([\w-]+), var\(--in-light, (#\w+)\) var\(--in-dark, (#\w+)\)\);/g,
      ),
    ];
    for (const [, name, hook] of themed) assert.equal(hook, name.slice(2), name);
    assert.deepEqual(Object.fromEntries(themed.map((m) => [m[1], m[3]])), colours(light));
    assert.deepEqual(Object.fromEntries(themed.map((m) => [m[1], m[4]])), colours(dark));
    // Dark by the OS unless theme="light", and by theme="dark": the toggles flip in both.
    for (const selector of [
      ':host(:not([theme="light"])) .tae {',
      ':host([theme="dark"]) .tae {',
    ]) {
      assert.deepEqual(
        palette(embed, selector),
        { '--in-light': '', '--in-dark': 'initial' },
        selector,
      );
    }
  });
});

describe('www/embed/data.css', () => {
  test("the label palette is the data page's, light and dark, on embed.css's toggles", () => {
    const read = (file) => readFileSync(path.join(ROOT, file), 'utf8');
    const block = (css, selector) => {
      const start = css.indexOf(selector);
      return css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
    };
    const pairs = (text) =>
      Object.fromEntries(
        [...text.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]),
      );
    const page = read('www/digits/digits.css');
    const light = pairs(block(page, ':root {'));
    const dark = pairs(block(page, '@media (prefers-color-scheme: dark) {\n  :root {'));
    const toggled = [
      ...read('www/embed/data.css').matchAll(
        /(--[\w-]+): var\(--in-light, (#\w+)\) var\(--in-dark, (#\w+)\);/g,
      ),
    ];
    assert.deepEqual(Object.fromEntries(toggled.map((m) => [m[1], m[2]])), light);
    assert.deepEqual(Object.fromEntries(toggled.map((m) => [m[1], m[3]])), dark);
  });
});

describe('what the compact embed loads', () => {
  test("none of the explorer's modules, and no stylesheet but its own", () => {
    const compact = visitFiles('compact embed');
    for (const f of [
      'www/classic/app.js',
      'www/classic/controls.js',
      'www/core/chart.js',
      'www/classic/latent-sliders.js',
      'www/classic/painter.js',
      'www/classic/presets.js',
      'www/classic/weights-file.js',
      'www/classic/weights-panel.js',
      'www/core/grid-view.js',
      'www/core/tooltip.js',
      'www/core/style.css',
      'www/embed/full.js',
      'www/pkg/scalar/tinyae_bg.wasm',
      'www/pkg/simd/tinyae_bg.wasm',
      'www/pkg/compact-scalar/tinyae_bg.wasm',
    ]) {
      assert.ok(!compact.includes(f), f);
    }
    // The element's static graph: what loads before any embed is on screen.
    assert.ok(
      !closure(ROOT, ['www/tiny-autoencoder.js'], ['static']).some((f) => f.includes('/pkg/')),
      'no wasm glue before it is needed',
    );
    assert.equal(BUDGET, 40_000);
  });
});

describe('scripts/dist.mjs bundleScript (esbuild)', () => {
  const files = {
    'main.js':
      "import { twice, NAME as n } from './lib/math.js';\nimport * as all from './lib/math.js';\nexport const out = twice(21);\nglobalThis.result = { out, n, keys: Object.keys(all).sort(), later: import('./lazy.js').then((m) => m.default()) };\n",
    'lib/math.js':
      "export function twice(x) { return 2 * x; }\nconst NAME = 'math';\nexport { NAME };\n",
    'lazy.js':
      "const hello = () => 'hi from ' + import.meta.url.slice(0, 4);\nexport { hello as default };\n",
  };
  test('a classic script that runs the graph: named, aliased, namespace and dynamic imports', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tinyae-bundle-'));
    try {
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      }
      const script = bundleScript(dir, 'main.js', { classic: true });
      const context = { self: { location: { href: 'blob:x' } } };
      context.globalThis = context;
      vm.runInNewContext(script, context);
      await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(context.result.out, 42);
      assert.equal(context.result.n, 'math');
      assert.deepEqual([...context.result.keys], ['NAME', 'twice']);
      assert.equal(await context.result.later, 'hi from blob');
      // A missing module stops the build.
      writeFileSync(path.join(dir, 'main.js'), "import './gone.js';\n");
      assert.throws(() => bundleScript(dir, 'main.js'), /gone\.js/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
