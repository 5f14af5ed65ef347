// The digits page's pure modules in Node: the CSV reader (every refusal names the row and the
// problem), the codes file, the link, the core's PCA of the codes and the plane the map and the
// decoded grid share, the verdict's wording, and digits.html's modulepreload list against the
// real import graph.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadDigits } from '../../scripts/digits.mjs';
import { loadBuild } from '../../scripts/load-build.mjs';
import { VAE_PRESETS } from '../../www/core/vae-settings.js';
import {
  configHash,
  DEFAULTS,
  defaultsFor,
  fourTabHref,
  readConfig,
} from '../../www/digits/config.js';
import {
  DEFAULTS as FOUR_DEFAULTS,
  digitsTabHref,
  encodeImage,
  stateHash,
} from '../../www/core/urlstate.js';
import { describeLinkProblems } from '../../www/core/settings.js';
import { codesCsv, DataError, MAX_ROWS, parsePixelCsv, shortest } from '../../www/engine/csv.js';
import { codeStats, latentPlane, latticeCodes } from '../../www/engine/latent-plane.js';
import { easeRange, paddedRange } from '../../www/digits/map/map-range.js';
import { formatMse } from '../../www/core/format.js';
import { describeCurves } from '../../www/digits/kcurve/panel.js';
import { kcurveScope } from '../../www/engine/kcurve-model.js';
import { verdict } from '../../www/digits/map/views.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const row = (values, label) => [...values, ...(label === undefined ? [] : [label])].join(',');
const ramp = (scale) => Array.from({ length: 64 }, (_, i) => (i * scale) / 63);
const rows = (n, make) => Array.from({ length: n }, (_, i) => make(i)).join('\n');

describe('www/engine/csv.js: reading images', () => {
  test("the project's digits: 1797 labelled images on the 0..16 scale", () => {
    const { pixels, labels, n } = loadDigits();
    const csv = rows(n, (i) =>
      row(
        Array.from(pixels.subarray(i * 64, i * 64 + 64), (v) => v * 16),
        labels[i],
      ),
    );
    const parsed = parsePixelCsv(csv);
    assert.equal(parsed.n, 1797);
    assert.equal(parsed.scale, 16);
    assert.equal(parsed.hasLabels, true);
    assert.deepEqual(parsed.pixels, pixels);
    assert.deepEqual(Array.from(parsed.labels), Array.from(labels));
  });

  test('the scale is the smallest of [0, 1], 0..16, 0..255 that holds the largest value', () => {
    assert.equal(parsePixelCsv(rows(10, () => row(ramp(1)))).scale, 1);
    assert.equal(parsePixelCsv(rows(10, () => row(ramp(16)))).scale, 16);
    const p = parsePixelCsv(rows(10, () => row(ramp(255))));
    assert.equal(p.scale, 255);
    assert.equal(p.pixels[63], 1);
    assert.equal(p.hasLabels, false);
    assert.deepEqual(Array.from(p.labels), new Array(10).fill(-1));
  });

  test('a header line, quotes, CRLF, blank lines and a BOM are fine', () => {
    const header = [...Array.from({ length: 64 }, (_, i) => `"p${i}"`), 'label'].join(',');
    const body = rows(12, (i) =>
      row(
        ramp(255).map((v) => `"${Math.round(v)}"`),
        i % 10,
      ),
    );
    const p = parsePixelCsv(`\uFEFF${header}\r\n\r\n${body.replaceAll('\n', '\r\n')}\r\n\r\n`);
    assert.equal(p.n, 12);
    assert.equal(p.header, true);
    assert.equal(p.scale, 255);
    assert.deepEqual(Array.from(p.labels.slice(0, 3)), [0, 1, 2]);
  });

  test('semicolon- and tab-separated files are read too; with semicolons, a comma is a decimal comma', () => {
    const values = ramp(16);
    const comma = parsePixelCsv(rows(10, (i) => row(values, i)));
    const tabs = parsePixelCsv(rows(10, (i) => [...values, i].join('\t')));
    assert.deepEqual(tabs.pixels, comma.pixels);
    assert.deepEqual(tabs.labels, comma.labels);
    const semis = parsePixelCsv(
      rows(10, (i) => [...values.map((v) => String(v).replace('.', ',')), i].join(';')),
    );
    assert.deepEqual(semis.pixels, comma.pixels);
    assert.deepEqual(semis.labels, comma.labels);
  });

  test("a label-first file (Kaggle's MNIST layout) is read as one, and says so; an ambiguous one is refused", () => {
    // Digits in 0..16 with the label first: the last column (a pixel) holds values above 9.
    const images = Array.from({ length: 20 }, (_, i) =>
      Array.from({ length: 64 }, (_, p) => (p * 7 + i * 3) % 17),
    );
    const last = parsePixelCsv(images.map((px, i) => [...px, i % 10].join(',')).join('\n'));
    const first = parsePixelCsv(images.map((px, i) => [i % 10, ...px].join(',')).join('\n'));
    assert.equal(last.labelColumn, 65);
    assert.equal(first.labelColumn, 1);
    assert.deepEqual(first.pixels, last.pixels);
    assert.deepEqual(first.labels, last.labels);
    assert.equal(first.scale, 16);
    // A header naming the label decides it, whatever the numbers.
    const named = parsePixelCsv(
      [
        ['label', ...images[0].map((_, p) => `pixel${p}`)].join(','),
        ...images.map((px, i) => [i % 10, ...px].join(',')),
      ].join('\n'),
    );
    assert.equal(named.labelColumn, 1);
    assert.deepEqual(named.pixels, last.pixels);
    // Pixels of 0..9 on both ends: either end could be the label.
    const small = images.map((px) => px.map((v) => v % 10));
    assert.throws(() => parsePixelCsv(small.map((px, i) => [i % 10, ...px].join(',')).join('\n')), {
      message:
        /^columns 1 and 65 both hold only whole numbers 0-9, so either could be the label: name it in a header line/,
    });
    // A label-first file with a bad label later on is refused naming that column.
    const bad = images.map((px, i) => [i === 12 ? 'x' : i % 10, ...px].join(',')).join('\n');
    assert.throws(() => parsePixelCsv(bad), {
      message:
        /^row 13: the label \(column 1, before the 64 pixels\) must be a whole number from 0 to 9, not "x"/,
    });
    // Without labels: none, and no column.
    assert.equal(parsePixelCsv(images.map((px) => px.join(',')).join('\n')).labelColumn, null);
  });

  test("every refusal names the row (the file's line) and the problem", () => {
    const good = row(ramp(16), 3);
    const cases = [
      ['', /the file is empty/],
      [`${good}\n${good}`, /only 2 images: at least 10 are needed/],
      [`${good}\n${good}\n${row(ramp(16).slice(1), 3)}`, /^row 3 has 64 values, but row 1 has 65/],
      [
        row(ramp(16).slice(2)),
        /^row 1 has 62 values separated by commas; expected 64 pixel values, optionally followed by a label \(65\)/,
      ],
      // One typo in the first row: not a header (a header has no number in it), refused by name.
      [`${good.replace(/^0,/, 'O,')}\n${good}`, /^row 1, column 1: "O" is not a number/],
      [`${good}\n${good.replace(/^0,/, 'abc,')}`, /^row 2, column 1: "abc" is not a number/],
      [`${good}\n${good.replace(/^0,/, ',')}`, /^row 2, column 1 is empty/],
      [`${good}\n\n${good.replace(/^0,/, '-1,')}`, /^row 3, column 1: -1 is negative/],
      [
        `${good}\n${row(ramp(16), 12)}`,
        /^row 2: the label \(column 65\) must be a whole number from 0 to 9, not "12"/,
      ],
      [
        `${good}\n${row(ramp(16), 'cat')}`,
        /^row 2: the label \(column 65\) must be a whole number from 0 to 9, not "cat"/,
      ],
      [rows(10, (i) => row(ramp(i === 6 ? 300 : 16))), /^row 7, column 64: 300 is above 255/],
      [`a,b\n${good}`, /^row 1 has a header of 2 columns separated by commas; expected 64/],
      [`${'x,'.repeat(64)}x\n`, /header but no rows of numbers/],
      [
        rows(MAX_ROWS + 1, () => row(new Array(64).fill(1))),
        /more than 100,000 images \(row 100001\)/,
      ],
    ];
    for (const [text, message] of cases) {
      assert.throws(
        () => parsePixelCsv(text),
        (err) => err instanceof DataError && message.test(err.message),
        `expected ${message} for ${JSON.stringify(text.slice(0, 40))}…`,
      );
    }
  });
});

describe('www/engine/csv.js: the codes file', () => {
  test('index, label, z1..z4; one row per image; values read back as the same float32', () => {
    const codes = Float32Array.from([0, 1.5, 0.1, 1e-7, 3.25, 0, 7, 2 / 3]);
    const text = codesCsv(codes, Int8Array.from([4, -1]));
    const lines = text.trimEnd().split('\n');
    assert.deepEqual(lines[0], 'index,label,z1,z2,z3,z4');
    assert.equal(lines.length, 3);
    assert.match(lines[2], /^1,,3\.25,0,7,/);
    const back = lines.slice(1).flatMap((l) => l.split(',').slice(2).map(Number));
    assert.deepEqual(Float32Array.from(back), codes);
    assert.equal(shortest(Math.fround(0.1)), '0.1');
  });
});

describe('www/digits/config.js: the link', () => {
  test('defaults, round trip, and bad values named', () => {
    assert.deepEqual(readConfig({}).config, DEFAULTS);
    const config = { ...DEFAULTS, seed: 7, epochs: 1234, speed: 'max', axes: '2-4' };
    assert.deepEqual(readConfig({ hash: configHash(config) }).config, config);
    assert.equal(readConfig({ search: '?build=scalar' }).build, 'scalar');
    const { config: fallback, problems } = readConfig({
      hash: '#seed=x&axes=1-1&epochs=0&speed=3',
    });
    assert.deepEqual(fallback, DEFAULTS, 'every bad value falls back to its default');
    const text = describeLinkProblems(problems);
    assert.match(text, /seed="x" \(must be a whole number from 0 to 2\^53-1/);
    assert.match(text, /axes="1-1" \(must be pc, or two units i-j with 1 <= i < j <= 16/);
    assert.match(text, /epochs="0" \(must be a whole number from 1 to 10,000\)/);
    assert.match(text, /speed="3" \(must be one of 1, 2, 5, 10, max\)/);
  });

  test('the data set rides in the link; a 28x28 one brings its own defaults and the wide limits', () => {
    assert.equal(readConfig({}).config.data, 'digits');
    const mnist = readConfig({ hash: '#data=mnist' }).config;
    assert.deepEqual(mnist, defaultsFor('mnist'));
    assert.deepEqual(
      [mnist.encoder, mnist.latent, mnist.decoder, mnist.latentActivation, mnist.seed],
      [[64], 2, [64], 'linear', DEFAULTS.seed],
    );
    assert.deepEqual(readConfig({ hash: configHash(mnist) }).config, mnist);
    // 784 values wide, the editor's limits are the core's (archLimits): 128 and 512 parse.
    const wide = readConfig({ hash: '#data=quickdraw&enc=512-128&dec=128' });
    assert.deepEqual(wide.problems, []);
    assert.deepEqual(wide.config.encoder, [512, 128]);
    // On the digits they are refused by name, as before.
    const narrow = readConfig({ hash: '#enc=128' });
    assert.deepEqual(
      narrow.problems.map((p) => p.key),
      ['enc'],
    );
    const bad = readConfig({ hash: '#data=cifar' });
    assert.equal(bad.config.data, 'digits');
    assert.match(
      describeLinkProblems(bad.problems),
      /data="cifar" \(must be one of digits, mnist, quickdraw\)/,
    );
  });

  test('the network rides in the link too, the variational mode with it, and a clash is named', () => {
    const vae = {
      ...DEFAULTS,
      ...VAE_PRESETS.variational,
      encoder: Object.freeze([64, 32]),
      decoder: Object.freeze([32, 64]),
      beta: 0.5,
    };
    assert.deepEqual(readConfig({ hash: configHash(vae) }).config, vae);
    const deep = readConfig({ hash: '#enc=32-16&latent=8&dec=16-32&lr=0.002' }).config;
    assert.deepEqual(
      [deep.encoder, deep.latent, deep.decoder, deep.learningRate],
      [[32, 16], 8, [16, 32], 0.002],
    );
    // A variational model with the classic's ReLU code is not one the core builds.
    const { config, problems } = readConfig({ hash: '#vae=1' });
    assert.equal(config.variational, false);
    assert.deepEqual(
      problems.map((p) => p.key),
      ['vae'],
    );
    assert.match(
      describeLinkProblems(problems),
      /vae="1" \(must be 0 unless loss=binary_crossentropy/,
    );
    assert.match(
      describeLinkProblems(readConfig({ hash: '#beta=-1' }).problems),
      /beta="-1" \(must be a number from 0 to 100/,
    );
    // The tab to the '4' carries a network the '4' can train, never a variational one.
    const net = (hash) => new URLSearchParams(hash.split('#')[1] ?? '');
    const four = net(fourTabHref({ ...DEFAULTS, latent: 8 }, { input: 'ab' }));
    assert.deepEqual([four.get('input'), four.get('latent'), four.has('seed')], ['ab', '8', false]);
    assert.equal(fourTabHref(vae), 'index.html#lr=0.001');
    // An edited network goes there and back (issue 24 item 6).
    const there = digitsTabHref({ ...FOUR_DEFAULTS, latent: 8, encoder: [32] });
    assert.equal(net(there).get('input'), encodeImage(FOUR_DEFAULTS.input));
    const { config: back } = readConfig({ hash: there.slice('digits.html'.length) });
    assert.deepEqual([back.encoder, back.latent], [[32], 8]);
    assert.equal(net(fourTabHref(back, { input: 'ab' })).get('enc'), '32');
    // Each tab starts from the other page's remembered link: its own epochs, speed, axes and VAE
    // stay, the shared keys come from here, and the '4' page's knock-outs only while its network does.
    const digitsOwn = configHash({ ...vae, epochs: 30, speed: 'max', axes: '1-2', beta: 2 });
    const again = readConfig({
      hash: digitsTabHref({ ...FOUR_DEFAULTS, seed: 5 }, digitsOwn).slice(11),
    });
    assert.deepEqual(
      [again.config.epochs, again.config.speed, again.config.axes, again.config.variational],
      [30, 'max', '1-2', true],
    );
    assert.deepEqual(
      [again.config.beta, again.config.seed, again.config.latent],
      [2, 5, vae.latent],
    );
    const fourOwn = `${stateHash({ ...FOUR_DEFAULTS, epochs: 77, speed: 100 })}&off=1.2`;
    const kept = net(fourTabHref(DEFAULTS, {}, fourOwn));
    assert.deepEqual(
      [kept.get('epochs'), kept.get('speed'), kept.get('off')],
      ['77', '100', '1.2'],
    );
    assert.equal(net(fourTabHref({ ...DEFAULTS, latent: 8 }, {}, fourOwn)).has('off'), false);
  });
});

describe('www/engine/latent-plane.js', async () => {
  const wasm = await loadBuild('simd');

  test("on PC axes (the core's PCA of the codes) the first carries the most variance; the lattice spans the rect", () => {
    // Points along (1, 1, 0, 0) with a little spread along (0, 0, 1, 0).
    const codes = [];
    for (let i = 0; i < 100; i++) codes.push(i / 10, i / 10, 0.3, 0, i / 10, i / 10, -0.3, 0);
    const plane = latentPlane(wasm, Float32Array.from(codes), 'pc');
    const u = plane.basis.u;
    assert.ok(
      Math.abs(u[0] - Math.SQRT1_2) < 1e-6 && Math.abs(u[2]) < 1e-6,
      `u = ${u}, its largest entry positive`,
    );
    assert.ok(Math.abs(Math.abs(plane.basis.v[2]) - 1) < 1e-6, `v = ${plane.basis.v}`);
    // The positions are the codes' coordinates on the axes from the mean.
    const dot = (a, b) => a.reduce((s, x, k) => s + x * b[k], 0);
    const centred = codes.slice(4, 8).map((c, k) => c - plane.basis.origin[k]);
    assert.ok(Math.abs(plane.positions[2] - dot(centred, u)) < 1e-5);
    // Given the last frame's plane with the axis negated, the sign follows it, points and all.
    const flipped = { axes: 'pc', basis: { ...plane.basis, u: u.map((x) => -x) } };
    const next = latentPlane(wasm, Float32Array.from(codes), 'pc', { previous: flipped });
    assert.deepEqual(
      next.basis.u,
      u.map((x) => -x),
    );
    assert.equal(next.positions[2], -plane.positions[2]);
    assert.deepEqual(next.basis.v, plane.basis.v);
    const lattice = latticeCodes(plane, 3);
    assert.equal(lattice.length, 3 * 3 * 4);
    // Row 0 is the top (largest y); columns run left to right.
    const [x0, x1, y0, y1] = plane.rect;
    const at = (r, c) => Array.from(lattice.slice((r * 3 + c) * 4, (r * 3 + c) * 4 + 4));
    const coord = (z) => z.map((v, k) => v - plane.basis.origin[k]);
    assert.ok(Math.abs(dot(coord(at(0, 0)), plane.basis.u) - (x0 + (x1 - x0) / 6)) < 1e-6);
    assert.ok(Math.abs(dot(coord(at(0, 0)), plane.basis.v) - (y1 - (y1 - y0) / 6)) < 1e-6);
  });

  test('unit axes are the units themselves; a dead unit still gives a drawable range', () => {
    const codes = Float32Array.from([1, 0, 2, 5, 3, 0, 4, 6, 5, 0, 6, 7]);
    const plane = latentPlane(wasm, codes, '1-2');
    assert.deepEqual(Array.from(plane.positions), [1, 0, 3, 0, 5, 0]);
    assert.deepEqual(plane.rect.slice(2), [0, 1]);
    assert.deepEqual(codeStats(codes), { dead: [false, true, false, false], top: 7, bottom: 0 });
    // A variational code goes below 0; a unit that is ever non-zero is alive.
    assert.deepEqual(codeStats(Float32Array.from([0, -2, 0.5, 0, 0, 3]), 3), {
      dead: [true, false, false],
      top: 3,
      bottom: -2,
    });
    // The other units sit at their mean in the decoded grid.
    assert.deepEqual(plane.basis.origin, [0, 0, 4, 6]);
  });
});

describe('www/digits/map/map-range.js', () => {
  test('the range is the extent with a 4% margin, never empty', () => {
    assert.deepEqual(paddedRange(Float32Array.from([0, 10, 50, 20])), [-2, 52, 9.6, 20.4]);
    assert.deepEqual(paddedRange(Float32Array.from([3, 3, 3, 3])), [2.96, 3.04, 2.96, 3.04]);
  });

  test('the drawn range eases a quarter of the way a frame, then snaps to the goal', () => {
    const goal = [0, 100, 0, 100];
    const range = [100, 200, 0, 100];
    assert.equal(easeRange(range, goal, 1), false);
    assert.deepEqual(range, [75, 175, 0, 100]);
    let frames = 1;
    while (!easeRange(range, goal, 1)) frames++;
    assert.deepEqual(range, goal);
    assert.ok(frames > 10 && frames < 30, `${frames} frames`);
  });
});

describe('www/digits/map/views.js: the verdict', () => {
  test('says which is better, by how much', () => {
    assert.equal(verdict({ aeMse: 0.0286, pcaMse: 0.0386, epoch: 300 }).winner, 'ae');
    assert.match(
      verdict({ aeMse: 0.0286, pcaMse: 0.0386, epoch: 300 }).text,
      /^The autoencoder is better right now: 26% lower test error than PCA-4\.$/,
    );
    assert.equal(verdict({ aeMse: 0.05, pcaMse: 0.0386, epoch: 10 }).winner, 'pca');
    assert.equal(verdict({ aeMse: NaN, pcaMse: 0.0386, epoch: 0 }).winner, null);
    // Constant data: PCA reconstructs it exactly. No Infinity%, no NaN%.
    assert.deepEqual(verdict({ aeMse: 0, pcaMse: 0, epoch: 5 }).winner, 'tie');
    const exact = verdict({ aeMse: 0.002, pcaMse: 0, epoch: 5 });
    assert.equal(exact.winner, 'pca');
    assert.match(
      exact.text,
      /^PCA-4 is better right now: 100% lower test error than the autoencoder\.$/,
    );
    // "x% lower" is a share of the worse one's error: 0.02 is 50% lower than 0.04.
    assert.match(
      verdict({ aeMse: 0.04, pcaMse: 0.02, epoch: 5 }).text,
      /: 50% lower test error than the autoencoder\.$/,
    );
    for (const [aeMse, pcaMse] of [
      [0, 1e-9],
      [1e-30, 0],
      [5, 0],
    ]) {
      assert.doesNotMatch(verdict({ aeMse, pcaMse, epoch: 5 }).text, /Infinity|NaN/);
    }
    assert.equal(formatMse(0.03863885998725891), '0.03864');
  });
});

describe('www/digits/kcurve: the scope and the words', () => {
  test('the 8x8 digits train k = 1..16 for 100 epochs; 28x28 images five k for 20', () => {
    assert.deepEqual(kcurveScope(64), { ks: [...Array(16).keys()].map((i) => i + 1), epochs: 100 });
    assert.deepEqual(kcurveScope(784), { ks: [1, 2, 4, 8, 16], epochs: 20 });
  });

  test("the note reads the curves at the scope's ks, and says when the page's k is not one", () => {
    const scope = kcurveScope(784);
    const pca = [0.0618, 0.0579, 0.0517, 0.0439, 0.0322];
    const ae = [0.0618, 0.0572, 0.0514, 0.0422, 0.0372];
    const said = (latent) => describeCurves({ pca, ae, variant: 'relu', latent, scope }).text;
    assert.match(
      said(2),
      /^The autoencoder beats PCA at k = 2, 4, 8, by up to 3\.9% lower error \(k = 8\); PCA is better at k = 1, 16\. At this page's k = 2: /,
    );
    assert.match(said(3), /This page's k = 3 is not among them\.$/);
    const linear = describeCurves({
      pca,
      ae: pca.map((v) => v * 1.05),
      variant: 'linear',
      latent: 2,
      scope,
    });
    assert.equal(
      linear.text,
      'The linear autoencoder has not reached PCA after 20 epochs: 5.0% at k = 1 off.',
    );
  });
});

describe('digits.html', () => {
  test('modulepreloads exactly the modules the page imports', () => {
    const html = readFileSync(path.join(ROOT, 'digits.html'), 'utf8');
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)]
      .map((m) => m[1])
      .sort();
    const entry = html.match(/<script type="module" src="([^"]+)"><\/script>/)[1];
    const seen = new Set();
    const visit = (rel) => {
      const source = readFileSync(path.join(ROOT, rel), 'utf8');
      // Static imports and import(): the worker's own graph (new Worker) is not the page's.
      for (const m of source.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1] ?? m[2]));
        if (target.includes('/pkg/') || seen.has(target)) continue;
        seen.add(target);
        visit(target);
      }
    };
    visit(entry);
    assert.deepEqual(preloaded, [...seen].sort());
  });

  test('no inline scripts or style attributes (a strict CSP would block them)', () => {
    const html = readFileSync(path.join(ROOT, 'digits.html'), 'utf8');
    assert.doesNotMatch(html, /\sstyle=/);
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/);
    assert.doesNotMatch(html, /\son[a-z]+=/);
  });
});
