// A picture file to pixels, in the browser: checked by its bytes first (picture.js), then
// decoded by the browser and drawn once into a canvas at its own size, whose pixels
// picture.js averages. PNG and JPEG go through createImageBitmap, which fetches nothing, so
// no Content-Security-Policy is involved. Browsers decode SVG only as an <img>, here from a
// blob: URL, which a CSP allows only with `img-src blob:`; without it the refusal is named.
import { pictureProblem, sniffPicture, SNIFF_BYTES } from './picture.js';

/** Longest side drawn: a bigger photo is scaled down to it first (the 8x8 average is then over its pixels). */
const MAX_SIDE = 2048;
/** Longest side an SVG is drawn at: it has no pixels of its own, and this is plenty for 8x8. */
const SVG_SIDE = 512;
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Reads `file` (a File or Blob with a name) in document `doc`. Resolves to `{ canvas, data }`:
 * the picture drawn at its size (for a thumbnail) and its ImageData; rejects with an Error whose
 * message is a sentence for the reader naming the file and what is accepted.
 */
export async function decodePicture(file, doc) {
  const name = file.name || 'The pasted picture';
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const problem = pictureProblem({ name, size: file.size, type: file.type }, head);
  if (problem) throw new Error(problem);
  const kind = sniffPicture(head);
  const source =
    kind === 'svg' ? await loadSvg(file, name, doc) : await loadRaster(file, name, kind);
  const scale = Math.min(1, MAX_SIDE / Math.max(source.width, source.height));
  const canvas = doc.createElement('canvas');
  canvas.width = Math.max(1, Math.round(source.width * scale));
  canvas.height = Math.max(1, Math.round(source.height * scale));
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source.image, 0, 0, canvas.width, canvas.height);
  source.image.close?.();
  return { canvas, data: ctx.getImageData(0, 0, canvas.width, canvas.height) };
}

async function loadRaster(file, name, kind) {
  try {
    const image = await createImageBitmap(file);
    return { image, width: image.width, height: image.height };
  } catch {
    throw new Error(
      `${name} starts like a ${kind.toUpperCase()} but could not be decoded: the file is damaged or cut short.`,
    );
  }
}

async function loadSvg(file, name, doc) {
  // Checked first, as XML: so a load that fails after can only be the page's CSP refusing it.
  const parsed = new DOMParser().parseFromString(await file.text(), 'image/svg+xml');
  const root = parsed.documentElement;
  if (
    parsed.querySelector('parsererror') ||
    root.namespaceURI !== SVG_NS ||
    root.localName !== 'svg'
  ) {
    const why =
      root.localName === 'svg' && root.namespaceURI !== SVG_NS
        ? ` (its <svg> needs xmlns="${SVG_NS}")`
        : '';
    throw new Error(`${name} starts like an SVG but is not valid SVG${why}.`);
  }
  const url = URL.createObjectURL(new Blob([file], { type: 'image/svg+xml' }));
  const image = doc.createElement('img');
  try {
    await new Promise((resolve, reject) => {
      image.onload = resolve;
      image.onerror = reject;
      image.src = url;
    });
  } catch {
    throw new Error(
      `${name} is an SVG, and this page's Content-Security-Policy does not let the browser draw one (it needs img-src blob:): PNG and JPEG pictures work.`,
    );
  } finally {
    URL.revokeObjectURL(url);
  }
  // An SVG with only a viewBox reports the browser's default size in its aspect ratio.
  const aspect =
    image.naturalWidth && image.naturalHeight ? image.naturalWidth / image.naturalHeight : 1;
  return {
    image,
    width: Math.round(aspect >= 1 ? SVG_SIDE : SVG_SIDE * aspect),
    height: Math.round(aspect >= 1 ? SVG_SIDE / aspect : SVG_SIDE),
  };
}
