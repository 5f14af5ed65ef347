// A data set as an engine keeps it: the images, parsed and checked (csv.js), split into
// train and test parts by the core's fixed seeded shuffle, and PCA fitted on the train part (in
// Rust), PCA-k for a k-unit code. Built whole before it replaces anything, so a file that
// fails at any step leaves the previous data set in place. Engine-only: it takes the
// initialised wasm module as an argument. Every model of an engine trains on these, parsed once.
// The images are also kept in wasm memory (`images`), where each frame's survey reads them.
import { DataError, MAX_BYTES, parsePixelCsv, PIXELS } from './csv.js';
import { LIMITS } from '../core/architecture.js';

/** Share of the images held out for testing (1797 -> 360, as the Rust tests split them). */
export const TEST_SHARE = 0.2;

/** Seed of the fixed train/test split (`split_indices(n, test, SPLIT_SEED)`). */
export const SPLIT_SEED = 0;

const GALLERY_SIZE = 10;
const fmtMb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The text of `source` (a data message's): gzipped bytes gunzipped, or a reader's File. */
export function sourceText(source) {
  if (source.file) return readFileText(source.file);
  return new Response(
    new Blob([source.bytes]).stream().pipeThrough(new DecompressionStream('gzip')),
  ).text();
}

/** The text of a File the reader picked, refused up front when it is too big to be images. */
async function readFileText(file) {
  if (file.size > MAX_BYTES) {
    throw new DataError(
      `the file is ${fmtMb(file.size)}; the page takes CSV files up to ${fmtMb(MAX_BYTES)}.`,
    );
  }
  const text = await file.text();
  if (text.includes('\0'))
    throw new DataError('this is not a text file (it contains binary data).');
  return text;
}

function gather(pixels, indices) {
  const out = new Float32Array(indices.length * PIXELS);
  indices.forEach((idx, i) =>
    out.set(pixels.subarray(idx * PIXELS, (idx + 1) * PIXELS), i * PIXELS),
  );
  return out;
}

/**
 * The page's fixed split of `n` images (`pixels`: n*64) by the core's seeded shuffle: the test
 * part first. The variational panel's and the k-curve's workers split the digits the same way.
 */
export function splitImages(wasm, pixels, n) {
  const nTest = Math.ceil(n * TEST_SHARE);
  const order = Array.from(wasm.split_indices(n, nTest, SPLIT_SEED));
  const testIdx = order.slice(0, nTest);
  const trainIdx = order.slice(nTest);
  return {
    nTest,
    testIdx,
    trainIdx,
    train: gather(pixels, trainIdx),
    test: gather(pixels, testIdx),
  };
}

/** Test images to show side by side: the first of each label in test order, then any next. */
function pickGallery(testIdx, labels) {
  const chosen = [];
  for (let label = 0; label <= 9; label++) {
    const idx = testIdx.find((i) => labels[i] === label);
    if (idx !== undefined) chosen.push(idx);
  }
  for (const idx of testIdx) {
    if (chosen.length >= GALLERY_SIZE) break;
    if (!chosen.includes(idx)) chosen.push(idx);
  }
  return chosen.slice(0, GALLERY_SIZE);
}

/**
 * Splits and fits `text` (a CSV) into a data set named `name`, with the core's `wasm` module.
 * Throws a DataError for a file that cannot be used. The caller frees `pca` and `images` when
 * done with them.
 */
export function prepareDataset(wasm, text, name) {
  const { n, pixels, labels, hasLabels, labelColumn, scale } = parsePixelCsv(text);
  const { nTest, testIdx, trainIdx, train, test } = splitImages(wasm, pixels, n);
  const isTest = new Uint8Array(n);
  for (const i of testIdx) isTest[i] = 1;
  const gallery = pickGallery(testIdx, labels);
  const galleryPixels = gather(pixels, gallery);

  let pca;
  try {
    pca = new wasm.Pca(train, LIMITS.latent);
  } catch (err) {
    throw new DataError(`PCA could not be fitted to these images: ${err?.message ?? err}`);
  }
  // The parser has checked every pixel, so this cannot refuse them.
  const images = new wasm.ImageSet(pixels, Uint32Array.from(testIdx));
  const codes = pca.transform(pixels);
  const k = pca.n_components;
  const map = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    map[2 * i] = codes[i * k];
    map[2 * i + 1] = codes[i * k + 1];
  }
  const data = {
    name,
    n,
    nTrain: trainIdx.length,
    nTest,
    scale,
    hasLabels,
    labelColumn,
    labels,
    testIdx,
    pixels,
    isTest,
    train,
    test,
    gallery,
    galleryPixels,
    images,
    pca,
    map,
    pcaK: new Map(),
  };
  // Its models ask for their baseline here: they need not know the core's PCA.
  data.pcaOf = (k) => pcaOf(wasm, data, k);
  return data;
}

/**
 * What the page is told of data set `data`: no pixels (up to 25.6 MB: cloning them to the page
 * would cost it two long tasks). `labels`: Int8Array, -1 = none; `isTest`: Uint8Array;
 * `gallery`: indices of the test images shown side by side; `pca`: PCA-4 (a run's own PCA-k
 * comes with its `started`), with `map`: every image's first two PCA coordinates (n*2).
 */
export function datasetSummary(data) {
  const pca = data.pcaOf(4).summary;
  return {
    name: data.name,
    n: data.n,
    nTrain: data.nTrain,
    nTest: data.nTest,
    scale: data.scale,
    hasLabels: data.hasLabels,
    labelColumn: data.labelColumn,
    labels: data.labels.slice(),
    isTest: data.isTest.slice(),
    gallery: data.gallery,
    galleryPixels: data.galleryPixels.slice(),
    pca: { ...pca, map: data.map.slice(), galleryRecon: pca.galleryRecon.slice() },
  };
}

/**
 * PCA-k of data set `data` (prepareDataset's), fitted on its train part by the core, as the
 * page compares a k-unit code with it: `{ fit, summary: { k, testMse, trainMse, ratio,
 * galleryRecon } }`, kept per k (freed with the data set: freeDataset). `k` past what the
 * images allow is capped.
 */
function pcaOf(wasm, data, k) {
  const want = Math.min(k, data.pca.n_components);
  if (!data.pcaK.has(want)) {
    const fit = want === data.pca.n_components ? data.pca : new wasm.Pca(data.train, want);
    data.pcaK.set(want, {
      fit,
      summary: {
        k: want,
        testMse: fit.reconstruction_mse(data.test),
        trainMse: fit.reconstruction_mse(data.train),
        ratio: Array.from(fit.explained_variance_ratio()),
        galleryRecon: fit.inverse_transform(fit.transform(data.galleryPixels)),
      },
    });
  }
  return data.pcaK.get(want);
}

/** Frees what data set `data` holds in wasm memory. */
export function freeDataset(data) {
  for (const { fit } of data.pcaK.values()) if (fit !== data.pca) fit.free();
  data.pca.free();
  data.images.free();
}
