// The page's pure modules in Node: the link format, the weights file, the digit glyphs, and
// index.html's modulepreload list against the real import graph (a missing entry would only
// cost speed, an extra one a wasted request, so neither would show up as a failure elsewhere).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ON_DEMAND } from '../../scripts/dist.mjs';
import { loadBuild } from '../../scripts/load-build.mjs';
import { DIGIT_FOUR, DIGITS, digitOf, SIZE } from '../../www/core/digit.js';
import {
  decodeImage,
  DEFAULTS,
  encodeImage,
  MAX_EPOCHS,
  parseEpochs,
  parseLearningRate,
  parseSeed,
  parseSpeed,
  readState,
  describeLinkProblems,
  SETTINGS,
  SPEEDS,
  stateHash,
} from '../../www/core/urlstate.js';
import { formatTick, niceTicks, shortNumber } from '../../www/core/grid.js';
import {
  ARCH_PRESETS,
  ARCH_SETTINGS,
  archLimits,
  archSettings,
  coreOptions,
  latentGrid,
  LIMITS,
  parseWidths,
  widthDown,
  widthUp,
} from '../../www/core/architecture.js';
import {
  ARCHITECTURE,
  checkOptions,
  N_WEIGHTS,
  SHAPES,
  shapesOf,
  weightsFromJson,
  weightsToJson,
} from '../../www/classic/weights-file.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('www/core/grid.js: numbers that fit', () => {
  test('huge codes (a huge learning rate) are written short on the colour bar and the sliders', () => {
    assert.equal(shortNumber(1.5), '1.50');
    assert.equal(shortNumber(23040), '23040.00');
    assert.equal(shortNumber(2303883776), '2.30e9');
    const { ticks, decimals } = niceTicks(2.2e9, 2.31e9);
    const labels = ticks.map((t) => formatTick(t, decimals));
    assert.ok(
      labels.every((l) => l.length <= 8),
      labels.join(' '),
    );
    assert.equal(new Set(labels).size, labels.length, 'ticks stay distinct');
    assert.equal(formatTick(-0.0001, 2), '0.00');
  });
});

describe('www/core/urlstate.js', () => {
  test('images round-trip through 16 hex digits, rows readable as bytes', () => {
    assert.equal(encodeImage(DIGIT_FOUR), '10305090f8101010');
    for (const glyph of DIGITS) assert.deepEqual(decodeImage(encodeImage(glyph)), glyph);
    const random = Array.from({ length: 64 }, (_, i) => ((i * 7919) % 3 === 0 ? 1 : 0));
    assert.deepEqual(decodeImage(encodeImage(random)), random);
    assert.deepEqual(decodeImage('10305090F8101010'), DIGIT_FOUR);
    for (const bad of ['', '1030', '10305090f810101g', '10305090f81010101']) {
      assert.throws(() => decodeImage(bad), /input must be 16 hex digits/);
    }
  });

  test("the deep preset starts from a seed that keeps its four latent units alive on the '4'", async () => {
    const core = await loadBuild('simd');
    const { seed, ...deep } = ARCH_PRESETS.deep;
    const codeAfter = (s) => {
      const ae = new core.Autoencoder(s, coreOptions({ ...DEFAULTS, ...deep }));
      try {
        ae.set_data(Float32Array.from(DIGIT_FOUR));
        ae.train_step(1000);
        return Array.from(ae.encode(Float32Array.from(DIGIT_FOUR)));
      } finally {
        ae.free();
      }
    };
    assert.equal(
      codeAfter(DEFAULTS.seed).filter((z) => z > 0).length,
      1,
      "the page's seed keeps one unit",
    );
    assert.deepEqual(
      codeAfter(seed).map((z) => z > 0),
      [true, true, true, true],
      `seed ${seed}`,
    );
  });

  test('a state survives the hash, field by field', () => {
    const state = {
      ...DEFAULTS,
      seed: 2 ** 53 - 1,
      input: DIGITS[9],
      learningRate: 0.0003,
      epochs: 123456,
      speed: 'max',
    };
    assert.deepEqual(readState({ hash: stateHash(state) }).state, state);
    // Every network option too, each preset and an odd mix.
    const odd = {
      encoder: [64, 1, 7],
      decoder: [],
      latent: 1,
      activation: 'elu',
      latentActivation: 'tanh',
      output: 'linear',
      loss: 'mse',
      optimizer: 'sgd',
      momentum: 0.9,
      l1: 1e-5,
      noise: { type: 'mask', amount: 0.25 },
    };
    for (const net of [...Object.values(ARCH_PRESETS), odd]) {
      const full = { ...DEFAULTS, ...net };
      const back = readState({ hash: stateHash(full) });
      assert.deepEqual(back.problems, []);
      assert.deepEqual(back.state, full);
    }
    for (const speed of SPEEDS) {
      assert.equal(readState({ hash: stateHash({ ...DEFAULTS, speed }) }).state.speed, speed);
    }
  });

  test('network options: each bad one named with what is accepted, clashes put back', () => {
    const { state, problems } = readState({
      hash: '#enc=16-16-16-16&latent=0&act=swish&noise=gaussian:11&loss=binary_crossentropy&out=linear&mom=0.5',
    });
    assert.deepEqual(
      problems.map((p) => p.key),
      ['enc', 'latent', 'act', 'noise', 'loss', 'mom'],
    );
    assert.match(problems[0].reason, /up to 3 widths of 1 to 64/);
    assert.match(problems[1].reason, /1 to 16/);
    assert.match(problems[3].reason, /gaussian:<amount 0 to 10>/);
    assert.match(problems[4].reason, /needs output=sigmoid/);
    assert.match(problems[5].reason, /unless the optimizer is sgd/);
    assert.deepEqual(
      { ...state, output: DEFAULTS.output },
      DEFAULTS,
      'each clash and bad value falls back; the good linear output stays',
    );
    assert.equal(state.output, 'linear');
    assert.deepEqual(readState({ hash: '#enc=' }).state.encoder, [], 'empty: no hidden layer');
  });

  test("the core's options for a state, and the latent grids 1x1, 1x2, 2x2, 2x4, 4x4", () => {
    assert.deepEqual(coreOptions(DEFAULTS), {
      encoder: [16],
      latent: 4,
      decoder: [16],
      activation: 'relu',
      latent_activation: 'relu',
      output: 'sigmoid',
      loss: 'mse',
      optimizer: 'adam',
      learning_rate: 0.001,
      momentum: 0,
      l1: 0,
      noise: null,
    });
    const grids = Array.from({ length: 16 }, (_, i) => latentGrid(i + 1).join('x'));
    assert.deepEqual(grids, [
      '1x1',
      '1x2',
      '2x2',
      '2x2',
      ...Array(4).fill('2x4'),
      ...Array(8).fill('4x4'),
    ]);
  });

  test('defaults, the query, then the hash: later wins', () => {
    assert.deepEqual(readState({}).state, DEFAULTS);
    const { state, build } = readState({
      search: '?seed=5&speed=max&build=scalar',
      hash: '#seed=6',
    });
    assert.equal(state.seed, 6);
    assert.equal(state.speed, 'max');
    assert.equal(build, 'scalar');
  });

  test('a bad link: every bad value named, its default used, the good ones kept', () => {
    const { state, problems } = readState({
      search: '?seed=banana',
      hash: '#epochs=0&speed=3&lr=fast&input=zz',
    });
    assert.deepEqual(state, DEFAULTS);
    assert.deepEqual(
      problems.map((p) => p.key),
      ['seed', 'input', 'lr', 'epochs', 'speed'],
    );
    const text = describeLinkProblems(problems);
    assert.match(
      text,
      /^Bad link: seed="banana" \(must be a whole number from 0 to 2\^53-1 \(9007199254740991\)\)/,
    );
    assert.match(text, /epochs="0" \(must be a whole number from 1 to 1,000,000\)/);
    assert.match(text, /speed="3" \(must be one of 1, 2, 5, 10, 20, 50, 100, max\)/);
    assert.match(text, /lr="fast" \(must be a number such as 0\.001\)/);
    assert.match(text, /input="zz" \(must be 16 hex digits/);
    assert.match(text, /The page uses the defaults for those instead\.$/);
    const one = readState({ hash: '#seed=abc&epochs=50' });
    assert.equal(one.state.epochs, 50, 'the good values stay');
    assert.match(
      describeLinkProblems(one.problems),
      /^Bad link: seed="abc" .*uses the default for it instead\.$/,
    );
    // A later good value mends an earlier bad one.
    assert.deepEqual(readState({ search: '?seed=x', hash: '#seed=3' }).problems, []);
    assert.equal(describeLinkProblems([]), null);
  });

  test('one settings table: each default formats and parses back; keys and attributes are unique', () => {
    for (const s of SETTINGS) {
      assert.deepEqual(s.parse(s.format(DEFAULTS[s.field])), DEFAULTS[s.field], s.field);
      assert.throws(
        () => s.parse('%bad%'),
        (err) => err.reason && err.got === '%bad%',
        s.field,
      );
    }
    for (const by of ['field', 'key', 'attribute', 'label']) {
      assert.equal(new Set(SETTINGS.map((s) => s[by])).size, SETTINGS.length, by);
    }
    assert.deepEqual(Object.keys(DEFAULTS).sort(), SETTINGS.map((s) => s.field).sort());
  });

  test('field parsers', () => {
    assert.equal(parseSeed(' 42 '), 42);
    assert.throws(() => parseSeed('-1'), /seed must be a whole number/);
    assert.throws(() => parseSeed('1.5'), /seed must be a whole number/);
    assert.throws(() => parseSeed(String(2 ** 53)), /seed must be a whole number/);
    assert.equal(parseLearningRate('1e-3'), 0.001);
    // 0 and negatives parse: whether they are usable is the model's call (and message).
    assert.equal(parseLearningRate('0'), 0);
    assert.throws(() => parseLearningRate(''), /learning rate must be a number/);
    assert.equal(parseEpochs('1,000'), 1000);
    assert.equal(parseEpochs(String(MAX_EPOCHS)), MAX_EPOCHS);
    assert.throws(() => parseEpochs(String(MAX_EPOCHS + 1)), /epochs must be/);
    assert.equal(parseSpeed('MAX'), 'max');
    assert.equal(parseSpeed('5'), 5);
  });
});

describe('www/core/architecture.js: the limits follow the data width', () => {
  test("64-wide data (the '4', the 8x8 digits) keep the limits of always; wider data the core's", () => {
    const narrow = { layers: 3, width: 64, latent: 16, gaussian: 10, mask: 1 };
    for (const width of [1, 5, 63, 64]) assert.deepEqual(archLimits(width), narrow, `${width}`);
    assert.equal(archLimits(64), LIMITS);
    const wide = { layers: 4, width: 1024, latent: 256, gaussian: 10, mask: 1 };
    for (const width of [65, 300, 784, 4096]) assert.deepEqual(archLimits(width), wide, `${width}`);
    for (const bad of [0, 4097, 1.5, -1, '784', NaN, undefined]) {
      assert.throws(
        () => archLimits(bad),
        /^Error: archLimits: inputWidth must be a whole number from 1 to 4096, got /,
        String(bad),
      );
    }
    assert.throws(() => archLimits('784'), /got "784"$/);
  });

  test('steps: one unit up to 64, then doubling and halving up to the limit', () => {
    const up = (n, hi) => {
      const seen = [n];
      while (widthUp(seen.at(-1), hi) !== seen.at(-1)) seen.push(widthUp(seen.at(-1), hi));
      return seen;
    };
    assert.deepEqual(up(60, 1024), [60, 61, 62, 63, 64, 128, 256, 512, 1024]);
    assert.deepEqual(up(62, 64), [62, 63, 64], "64-wide data's limit");
    assert.deepEqual(up(14, 16), [14, 15, 16], "64-wide data's latent");
    assert.deepEqual(up(200, 256), [200, 256], 'an odd width steps to the next double');
    assert.deepEqual(up(100, 1024), [100, 128, 256, 512, 1024]);
    const down = (n) => {
      const seen = [n];
      while (seen.at(-1) > 1) seen.push(widthDown(seen.at(-1)));
      return seen;
    };
    assert.deepEqual(down(1024).slice(0, 7), [1024, 512, 256, 128, 64, 63, 62]);
    assert.equal(down(1024).length, 4 + 64);
    assert.deepEqual(down(100).slice(0, 3), [100, 64, 63]);
    assert.deepEqual(down(129).slice(0, 3), [129, 128, 64]);
    assert.equal(widthDown(1), 1);
  });

  test('parsing: the widths and latent the limits accept, messages naming the limit', () => {
    assert.equal(archSettings(), ARCH_SETTINGS);
    assert.equal(archSettings(64), ARCH_SETTINGS, 'the same table: the one the pages read');
    assert.equal(archSettings(784), archSettings(300), 'made once per set of limits');
    const wide = Object.fromEntries(archSettings(784).map((r) => [r.key, r.parse]));
    const narrow = Object.fromEntries(ARCH_SETTINGS.map((r) => [r.key, r.parse]));
    assert.deepEqual(wide.enc('1024-512-256-128'), [1024, 512, 256, 128]);
    assert.deepEqual(wide.dec('100-1'), [100, 1]);
    assert.equal(wide.latent('256'), 256);
    assert.throws(() => wide.enc('1025'), {
      message:
        'encoder must be up to 4 widths of 1 to 1024 joined by "-" (e.g. 32-16), or empty for no hidden layer, got "1025"',
    });
    assert.throws(() => wide.dec('8-8-8-8-8'), /up to 4 widths of 1 to 1024/);
    assert.throws(() => wide.latent('257'), {
      message: 'latent must be a whole number from 1 to 256, got "257"',
    });
    assert.throws(() => narrow.enc('128'), /up to 3 widths of 1 to 64/);
    assert.throws(() => narrow.enc('8-8-8-8'), /up to 3 widths of 1 to 64/);
    assert.throws(() => narrow.latent('17'), /from 1 to 16, got "17"/);
    assert.deepEqual(parseWidths('encoder')('64-1'), [64, 1], 'LIMITS when none are given');
    assert.throws(() => parseWidths('decoder', archLimits(784))('0'), /decoder must be up to 4/);
    // Every other row parses alike whatever the width.
    for (const [i, row] of ARCH_SETTINGS.entries()) {
      const other = archSettings(784)[i];
      assert.deepEqual(
        [other.field, other.key, other.attribute, other.core],
        [row.field, row.key, row.attribute, row.core],
      );
    }
  });
});

describe('www/classic/weights-file.js', () => {
  test("the architecture gives Keras's shapes and 2276 weights", () => {
    assert.deepEqual(SHAPES, [[64, 16], [16], [16, 4], [4], [4, 16], [16], [16, 64], [64]]);
    assert.equal(N_WEIGHTS, 2276);
    assert.equal(ARCHITECTURE.layers.at(-1).activation, 'sigmoid');
  });

  test('trained weights round-trip exactly, written as short decimals', async () => {
    const core = await loadBuild('simd');
    const ae = new core.Autoencoder(78);
    ae.train_step(200);
    const weights = ae.get_weights();
    ae.free();
    const text = weightsToJson(weights, { seed: 78, epochs: 200 });
    const { weights: back, meta } = weightsFromJson(text);
    assert.deepEqual(back, weights);
    assert.deepEqual(meta, { seed: 78, epochs: 200 });
    // Nine significant digits would do for any float32; most need fewer.
    assert.ok(text.length < N_WEIGHTS * 14, `file is ${text.length} bytes`);
  });

  test("a file records its network's options and is read back for that network", () => {
    const options = {
      ...coreOptions(DEFAULTS),
      encoder: [32, 16],
      decoder: [16, 32],
      latent: 2,
      activation: 'tanh',
    };
    const shapes = shapesOf(options);
    assert.deepEqual(shapes.slice(0, 4), [[64, 32], [32], [32, 16], [16]]);
    const n = shapes.reduce((a, s) => a + s.reduce((x, y) => x * y, 1), 0);
    const weights = Array.from({ length: n }, (_, i) => Math.fround(Math.cos(i)));
    const text = weightsToJson(weights, { seed: 1 }, options);
    const back = weightsFromJson(text);
    assert.deepEqual(back.options, options);
    assert.deepEqual(Array.from(back.weights), weights);
    assert.equal(JSON.parse(text).architecture.layers[0].activation, 'tanh');
    assert.throws(() => weightsToJson(weights), /expected 2276 weights, got/);
    assert.throws(
      () => weightsFromJson(JSON.stringify({ options: { encoder: 'x' }, weights })),
      /do not describe a network/,
    );
    // A file without options is the classic network's, as before.
    assert.equal(weightsFromJson(JSON.stringify(Array(N_WEIGHTS).fill(0))).options, null);
  });

  test('a file edited out of range, variational or from an unknown version is refused, naming what', () => {
    const options = coreOptions(DEFAULTS);
    const file = (edit) =>
      JSON.stringify({
        ...JSON.parse(weightsToJson(Array(N_WEIGHTS).fill(0), {}, options)),
        ...edit,
      });
    assert.throws(() => weightsFromJson(file({ options: { ...options, latent: 99 } })), {
      message: /latent is 99 \(1 to 16\)/,
    });
    assert.throws(
      () => weightsFromJson(file({ options: { ...options, encoder: [16, 0], latent: 0 } })),
      { message: /latent is 0 \(1 to 16\); encoder is \[16, 0\] \(up to 3 widths of 1 to 64\)$/ },
    );
    assert.throws(
      () => weightsFromJson(file({ options: { ...options, encoder: [128], input: 784 } })),
      {
        message:
          /"options" ask for a network this page cannot build: input is 784 \(this page's data are 64 values wide\); encoder is \[128\] \(up to 3 widths of 1 to 64\)$/,
      },
    );
    // For wider data, the wider limits (archLimits) and their names.
    const wide = { ...options, input: 784, encoder: [1024, 512, 256, 128], latent: 256 };
    assert.doesNotThrow(() => checkOptions(wide, 784));
    assert.throws(() => checkOptions({ ...wide, latent: 257, decoder: [2048] }, 784), {
      message:
        'its "options" ask for a network this page cannot build: latent is 257 (1 to 256); decoder is [2048] (up to 4 widths of 1 to 1024)',
    });
    assert.throws(
      () => weightsFromJson(file({ options: { ...options, variational: true, beta: 1 } })),
      { message: /variational is true/ },
    );
    assert.throws(() => weightsFromJson(file({ version: 9 })), {
      message: /^its "version" is 9; this page reads versions 1 and 2/,
    });
    assert.throws(() => weightsFromJson(file({ version: '2' })), {
      message: /^its "version" is "2"/,
    });
    assert.equal(
      weightsFromJson(file({ options: { ...options, variational: false } })).weights.length,
      N_WEIGHTS,
    );
    assert.equal(weightsFromJson(file({ version: 1 })).weights.length, N_WEIGHTS);
  });

  test('reads what Keras users write: a bare list, flat or nested per layer', () => {
    const flat = Array.from({ length: N_WEIGHTS }, (_, i) => Math.fround(Math.sin(i)));
    const nested = [];
    let at = 0;
    for (const [rows, cols] of SHAPES) {
      if (cols === undefined) {
        nested.push(flat.slice(at, at + rows));
        at += rows;
      } else {
        nested.push(
          Array.from({ length: rows }, (_, r) => flat.slice(at + r * cols, at + (r + 1) * cols)),
        );
        at += rows * cols;
      }
    }
    assert.deepEqual(Array.from(weightsFromJson(JSON.stringify(flat)).weights), flat);
    assert.deepEqual(Array.from(weightsFromJson(JSON.stringify(nested)).weights), flat);
  });

  test('refuses what is not these weights, saying why', () => {
    assert.throws(() => weightsFromJson('nope'), /not a JSON file/);
    assert.throws(() => weightsFromJson('{"w": []}'), /no "weights" list/);
    assert.throws(
      () => weightsFromJson('[1, 2, 3]'),
      /this model has 2276 weights; the file has 3/,
    );
    const nan = Array(N_WEIGHTS).fill(0);
    nan[5] = 'x';
    // A flat list with one non-number: that entry is named, not "expected 8 arrays".
    assert.throws(() => weightsFromJson(JSON.stringify({ weights: nan })), {
      message: /^weights\[5\] must be a finite number, got "x"$/,
    });
    // What Python's json.dump writes for NaN and Infinity is read far enough to name the weight.
    const py = `[${Array(N_WEIGHTS)
      .fill(0)
      .map((v, i) => (i === 7 ? 'NaN' : i === 9 ? '-Infinity' : v))
      .join(', ')}]`;
    assert.throws(() => weightsFromJson(py), {
      message:
        /^weights\[7\] is NaN \(Python's json\.dump writes that for a weight that is not a number\): every weight must be a finite number/,
    });
    const nested = SHAPES.map((s) =>
      s.length === 1 ? Array(s[0]).fill(0) : Array(s[0]).fill(Array(s[1]).fill(0)),
    );
    const pyNested = JSON.stringify({ weights: nested }).replace('[0,0,0,0]', '[0,Infinity,0,0]');
    assert.throws(() => weightsFromJson(pyNested), {
      message: /^weights\[2\]\[0\]\[1\] is Infinity/,
    });
    const wrongShape = SHAPES.map((s) =>
      s.length === 1 ? Array(s[0]).fill(0) : Array(s[0]).fill(Array(s[1]).fill(0)),
    );
    wrongShape[2] = Array(16).fill(Array(5).fill(0));
    assert.throws(
      () => weightsFromJson(JSON.stringify(wrongShape)),
      /weights\[2\]\[0\] must be a list of 4, got 5 entries/,
    );
    const other = {
      architecture: { input: 64, layers: [{ units: 32, activation: 'relu' }] },
      weights: [],
    };
    assert.throws(() => weightsFromJson(JSON.stringify(other)), /the file is for another network/);
  });
});

describe('www/core/digit.js', () => {
  test("the ten glyphs: 8x8, binary, distinct, and the 4 is the article's", () => {
    assert.equal(DIGITS.length, 10);
    for (const glyph of DIGITS) {
      assert.equal(glyph.length, SIZE * SIZE);
      assert.ok(glyph.every((v) => v === 0 || v === 1));
    }
    assert.equal(new Set(DIGITS.map((g) => g.join(''))).size, 10);
    assert.equal(DIGITS[4], DIGIT_FOUR);
    DIGITS.forEach((glyph, digit) => assert.equal(digitOf([...glyph]), digit));
    assert.equal(digitOf(Array(64).fill(0)), null);
  });
});

describe('index.html', () => {
  test('modulepreloads exactly the static module graph of www/classic/main.js', () => {
    const html = readFileSync(path.join(ROOT, 'index.html'), 'utf8');
    const entry = html.match(/<script type="module" src="([^"]+)"/)[1];
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map(
      (m) => m[1],
    );
    const graph = new Set();
    const walk = (file) => {
      if (graph.has(file)) return;
      graph.add(file);
      const src = readFileSync(path.join(ROOT, file), 'utf8');
      const specifiers = [
        ...src.matchAll(/^import\s[^;]*?from\s+'(\.[^']+)'/gm),
        ...src.matchAll(/import\('(\.[^']+)'\)/g),
      ].map((m) => m[1]);
      // The wasm glue is loaded by the worker, never by the page's module graph; the modules a
      // reader's action asks for (dist.mjs ON_DEMAND: the Keras panel, the weights file's format,
      // the picture's decoding) only then (not preloaded: a first visit leaves them).
      for (const s of specifiers.filter((s) => !s.includes('/pkg/'))) {
        const next = path.posix.join(path.posix.dirname(file), s);
        if (!ON_DEMAND.includes(next)) walk(next);
      }
    };
    walk(entry);
    graph.delete(entry);
    assert.deepEqual([...preloaded].sort(), [...graph].sort());
  });
});
