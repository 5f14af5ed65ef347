// The data page's built-in 28x28 data sets (issue 27): MNIST and a QuickDraw subset, fetched
// only when chosen. scripts/datasets.mjs writes them from the pinned devDependencies in the
// format below, gzip-compressed; this module fetches one with its progress and decodes it. It
// touches no DOM: it runs in the page or in a worker (fetch and DecompressionStream are both).
//
// The format, little-endian, before gzip:
//   0  'TAED'        magic (tinyae data)
//   4  u16 version   FORMAT_VERSION
//   6  u16 width     image width in pixels (28)
//   8  u16 height    image height (28)
//  10  u16 classes   how many names, and one more than the largest label
//  12  u32 rows      images
//  16  u32 names     bytes of the names: UTF-8, one a line ('\n' between them)
//  20  the names, then rows*width*height u8 pixels (row-major, 0 background, 255 ink), then
//      rows u8 labels.

/** The four bytes every data set file starts with (before gzip). */
export const MAGIC = 'TAED';
/** The format's version; a file of another version is refused by name. */
export const FORMAT_VERSION = 1;
/** Bytes before the names. */
export const HEADER_BYTES = 20;
/** The built-in data sets: their files, next to this module. */
export const DATASETS = Object.freeze({ mnist: 'mnist.bin.gz', quickdraw: 'quickdraw.bin.gz' });

// Each URL written out, not built from DATASETS: the build ships the files it finds named so
// (scripts/module-graph.mjs), and dist/'s data page offers them too.
const URLS = Object.freeze({
  mnist: () => new URL('mnist.bin.gz', import.meta.url),
  quickdraw: () => new URL('quickdraw.bin.gz', import.meta.url),
});

/** The URL of data set `name` (a key of DATASETS). */
export function datasetUrl(name) {
  if (!Object.hasOwn(DATASETS, name)) {
    throw new Error(
      `data set "${name}" is not built in; the built-in ones are ${Object.keys(DATASETS).join(', ')}`,
    );
  }
  return URLS[name]();
}

/**
 * Fetches data set `name` (or any file of this format: `url`) and decodes it into
 * `{ name, file, width, imageWidth, imageHeight, rows, pixels, labels, names }`: `pixels` a
 * Float32Array of rows*width values in [0, 1] (byte / 255), `labels` a Uint8Array of rows,
 * `names` the label names. `onProgress({ phase, loaded, total })` is called as bytes arrive
 * (phase 'download': bytes received, total the Content-Length or null) and as they are
 * decompressed (phase 'decode': bytes out, total the size the header gives). `signal` (an
 * AbortSignal) cancels it: another data set chosen meanwhile. Rejects with an Error naming the
 * file and what was wrong (an abort with the AbortError itself).
 */
export async function loadDataset(name, { url, onProgress = () => {}, signal } = {}) {
  const { file, bytes } = await fetchDataset(name, { url, onProgress, signal });
  return {
    name,
    ...(await decodeDataset(bytes, file, (loaded, size) =>
      onProgress({ phase: 'decode', loaded, total: size }),
    )),
  };
}

/**
 * The download half of loadDataset: `{ file, bytes }`, the file's name and its bytes as they
 * came (decodeDataset reads them), with the 'download' progress. The data page fetches a data
 * set once this way and hands the compact bytes to each engine that decodes them.
 */
export async function fetchDataset(
  name,
  { url = datasetUrl(name), onProgress = () => {}, signal } = {},
) {
  const file = String(url).split('/').pop();
  let response;
  try {
    response = await fetch(url, { signal });
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw new Error(`${file}: the download failed (${err?.message ?? err})`, { cause: err });
  }
  if (!response.ok)
    throw new Error(
      `${file}: the server answered ${response.status} ${response.statusText}`.trim(),
    );
  const length = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const bytes = await readAll(
    response.body,
    (loaded) => onProgress({ phase: 'download', loaded, total }),
    file,
    total,
  );
  return { file, bytes };
}

/** Every byte of `stream`, reporting the running count; a stream cut short names `file`. */
async function readAll(stream, report, file, total) {
  let loaded = 0;
  try {
    return await drain(stream, (n) => report((loaded = n)));
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw new Error(
      `${file}: the download broke off after ${loaded}${total ? ` of ${total}` : ''} bytes (${err?.message ?? err})`,
      { cause: err },
    );
  }
}

/** Every byte of `stream` in one array, calling `seen(loaded, chunks)` after each chunk. */
async function drain(stream, seen) {
  const chunks = [];
  let loaded = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concat(chunks, loaded);
    chunks.push(value);
    loaded += value.length;
    seen(loaded, chunks);
  }
}

function concat(chunks, length) {
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Decodes the bytes of a data set file (gzip-compressed, or already decompressed by a server
 * that sent it with Content-Encoding: gzip). `report(loaded, size)` follows the decompression.
 */
export async function decodeDataset(bytes, file, report = () => {}) {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? await gunzip(bytes, file, report) : bytes;
  return parse(raw, file);
}

async function gunzip(bytes, file, report) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  let loaded = 0;
  let size = null;
  try {
    return await drain(stream, (n, chunks) => {
      loaded = n;
      if (size === null && n >= HEADER_BYTES) size = expectedSize(concat(chunks, n));
      report(n, size);
    });
  } catch (err) {
    throw new Error(
      `${file} is truncated or corrupt: its gzip data do not decompress (${err?.message ?? err}; ${bytes.length} bytes received, ${loaded} decompressed)`,
      { cause: err },
    );
  }
}

/** The decompressed size the header at the start of `raw` gives, or null if it is not one. */
function expectedSize(raw) {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  if (magicOf(raw) !== MAGIC) return null;
  const pixels = view.getUint16(6, true) * view.getUint16(8, true);
  const rows = view.getUint32(12, true);
  return HEADER_BYTES + view.getUint32(16, true) + rows * (pixels + 1);
}

const magicOf = (raw) => String.fromCharCode(...raw.subarray(0, 4));

/** The decompressed file `raw` checked field by field, as loadDataset returns it. */
function parse(raw, file) {
  const fail = (what) => {
    throw new Error(`${file} is not a data set tinyae can read: ${what}`);
  };
  if (raw.length < HEADER_BYTES)
    fail(`it holds ${raw.length} bytes, fewer than the ${HEADER_BYTES} of a header`);
  if (magicOf(raw) !== MAGIC)
    fail(`it does not start with "${MAGIC}" (a gzip file of tinyae's data set format)`);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const version = view.getUint16(4, true);
  if (version !== FORMAT_VERSION)
    fail(`its format version is ${version}; this page reads version ${FORMAT_VERSION}`);
  const [imageWidth, imageHeight, classes] = [6, 8, 10].map((at) => view.getUint16(at, true));
  const rows = view.getUint32(12, true);
  const namesBytes = view.getUint32(16, true);
  const width = imageWidth * imageHeight;
  if (width === 0 || rows === 0 || classes === 0)
    fail(
      `its header gives ${imageWidth}x${imageHeight} images, ${rows} rows and ${classes} classes; none may be 0`,
    );
  const size = expectedSize(raw);
  if (raw.length < size)
    fail(
      `it is truncated: ${raw.length} bytes decompressed, its header (${rows} images of ${imageWidth}x${imageHeight}) needs ${size}`,
    );
  if (raw.length > size)
    fail(
      `it has ${raw.length - size} bytes past the ${size} its header (${rows} images of ${imageWidth}x${imageHeight}) accounts for`,
    );
  let names;
  try {
    names = new TextDecoder('utf-8', { fatal: true })
      .decode(raw.subarray(HEADER_BYTES, HEADER_BYTES + namesBytes))
      .split('\n');
  } catch {
    fail('its names are not UTF-8 text');
  }
  if (names.length !== classes) fail(`it lists ${names.length} names for ${classes} classes`);
  const start = HEADER_BYTES + namesBytes;
  const bytes = raw.subarray(start, start + rows * width);
  const labels = raw.slice(start + rows * width);
  const bad = labels.findIndex((l) => l >= classes);
  if (bad >= 0)
    fail(
      `row ${bad} has label ${labels[bad]}; labels must be below ${classes}, the number of names`,
    );
  const scale = Float32Array.from({ length: 256 }, (_, b) => b / 255);
  const pixels = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) pixels[i] = scale[bytes[i]];
  return { file, width, imageWidth, imageHeight, rows, pixels, labels, names };
}
