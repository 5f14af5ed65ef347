// A data set as an engine keeps it: the images, parsed and checked (csv.js, or a built-in 28x28
// set decoded by data/load-dataset.js), split into train and test parts by the core's fixed
// seeded shuffle, and PCA fitted on the train part (in Rust), PCA-k for a k-unit code. Built whole before it replaces anything, so a file that
// fails at any step leaves the previous data set in place. Engine-only: it takes the
// initialised wasm module as an argument. Every model of an engine trains on these, parsed once.
// The images are also kept in wasm memory (`images`), where each frame's survey reads them.
import { DataError, MAX_BYTES, PIXELS } from './csv.js';
import { parseData } from './table.js';
import { LIMITS } from '../core/architecture.js';
import { decodeDataset } from '../data/load-dataset.js';

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

/**
 * The rows of `source` (a data message's), read and checked: `{ n, width, imageWidth,
 * imageHeight, kind, pixels, labels, hasLabels, labelColumn, scale, names, columns }`. A
 * built-in 28x28 set (`{ dataset, file, bytes }`, the bytes as the page fetched them) is
 * decoded here; a CSV (the digits' or the reader's) is parsed (table.js: 8x8 images by csv.js,
 * any other width as images or a standardised table). Throws a DataError for a reader's file
 * that cannot be used, any other Error for a broken download.
 */
export async function readSource(source) {
  if (source.dataset) {
    const set = await decodeDataset(new Uint8Array(source.bytes), source.file);
    return {
      n: set.rows,
      width: set.width,
      imageWidth: set.imageWidth,
      imageHeight: set.imageHeight,
      pixels: set.pixels,
      labels: Int8Array.from(set.labels),
      hasLabels: true,
      labelColumn: null,
      scale: 255,
      names: set.names,
      kind: 'images',
      columns: null,
    };
  }
  return { names: null, columns: null, ...parseData(await sourceText(source)) };
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

function gather(pixels, indices, width) {
  const out = new Float32Array(indices.length * width);
  indices.forEach((idx, i) => out.set(pixels.subarray(idx * width, (idx + 1) * width), i * width));
  return out;
}

/**
 * The page's fixed split of `n` images (`pixels`: n*width) by the core's seeded shuffle: the
 * test part first. The variational panel's and the k-curve's workers split the digits the same way.
 */
export function splitImages(wasm, pixels, n, width = PIXELS) {
  const nTest = Math.ceil(n * TEST_SHARE);
  const order = Array.from(wasm.split_indices(n, nTest, SPLIT_SEED));
  const testIdx = order.slice(0, nTest);
  const trainIdx = order.slice(nTest);
  return {
    nTest,
    testIdx,
    trainIdx,
    train: gather(pixels, trainIdx, width),
    test: gather(pixels, testIdx, width),
  };
}

/** Test images to show side by side: the first of each label in test order, then any next. */
function pickGallery(testIdx, labels) {
  const chosen = [];
  for (let label = 0; label < GALLERY_SIZE; label++) {
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
 * Splits and fits `parsed` (readSource's) into a data set named `name`, with the core's `wasm`
 * module. Throws a DataError for images that cannot be used. The caller frees `pca` and
 * `images` when done with them (freeDataset).
 */
export function prepareDataset(wasm, parsed, name) {
  const { n, width, pixels, labels } = parsed;
  const { nTest, testIdx, trainIdx, train, test } = splitImages(wasm, pixels, n, width);
  const isTest = new Uint8Array(n);
  for (const i of testIdx) isTest[i] = 1;
  const gallery = pickGallery(testIdx, labels);
  const galleryPixels = gather(pixels, gallery, width);
  const data = {
    ...parsed,
    name,
    nTrain: trainIdx.length,
    nTest,
    testIdx,
    isTest,
    train,
    test,
    gallery,
    galleryPixels,
    pcaK: new Map(),
  };
  // Its models ask for their baseline here: they need not know the core's PCA.
  data.pcaOf = (k) => pcaOf(wasm, data, k);
  // The PCA map's two axes: on 8x8 images from the fit of every axis the page may ask for (an
  // exact eigensolver: one fit serves every k); on wide ones from PCA-2 alone, since each fit
  // there is an iteration of its own (~0.7 s for 8,000 x 784), and a 28x28 run's code has 2.
  try {
    data.pca = data.pcaOf(width === PIXELS ? LIMITS.latent : 2).fit;
  } catch (err) {
    throw new DataError(`PCA could not be fitted to these images: ${err?.message ?? err}`);
  }
  // The reader's images have been checked, so this cannot refuse them.
  data.images = new wasm.ImageSet(pixels, Uint32Array.from(testIdx), width);
  const codes = data.pca.transform(pixels);
  const k = data.pca.n_components;
  data.map = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    data.map[2 * i] = codes[i * k];
    data.map[2 * i + 1] = codes[i * k + 1];
  }
  return data;
}

/**
 * What the page is told of data set `data`: no pixels (up to 25.6 MB: cloning them to the page
 * would cost it two long tasks). `labels`: Int8Array, -1 = none; `isTest`: Uint8Array;
 * `gallery`: indices of the test images shown side by side; `pca`: PCA-4 (a run's own PCA-k
 * comes with its `started`), with `map`: every image's first two PCA coordinates (n*2).
 */
export function datasetSummary(data) {
  const pca = data.pcaOf(data.width === PIXELS ? 4 : 2).summary;
  return {
    name: data.name,
    n: data.n,
    width: data.width,
    imageWidth: data.imageWidth,
    imageHeight: data.imageHeight,
    kind: data.kind,
    columns: data.columns,
    names: data.names,
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
  // On 8x8 images no more than the first fit found (a small file may allow fewer than asked).
  const want = Math.min(
    k,
    data.pca && data.width === PIXELS ? data.pca.n_components : Math.min(LIMITS.latent, data.width),
  );
  if (!data.pcaK.has(want)) {
    const fit =
      data.width === PIXELS
        ? new wasm.Pca(data.train, want)
        : wasm.Pca.fit_rows(data.train, data.width, want);
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

/**
 * A copy of data set `data`'s rows for a survey instance (survey-model.js), which gets its
 * data from the engine that read it, never fetching or parsing it again: `{ pixels, testIdx,
 * width }`.
 */
export function datasetRows(data) {
  return {
    pixels: data.pixels.slice(),
    testIdx: Uint32Array.from(data.testIdx),
    width: data.width,
  };
}

/** The data set a survey instance keeps of `rows` (datasetRows'): the images, in wasm memory. */
export function surveyDataset(wasm, { pixels, testIdx, width }) {
  const n = pixels.length / width;
  return { n, width, images: new wasm.ImageSet(pixels, testIdx, width), pcaK: new Map() };
}

/** Frees what data set `data` holds in wasm memory. */
export function freeDataset(data) {
  for (const { fit } of data.pcaK.values()) fit.free();
  data.images.free();
}
