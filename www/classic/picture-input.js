// "Your own picture": a PNG, JPEG or SVG chosen, dropped on the input image or the drawing
// panel, or pasted, shown as it was read and at 8x8 (greys, or binary ink at a threshold), and
// made the input by "Use it": a preview first, so a stray drop never costs the reader their
// drawing; from then on it is an input like a preset. A refused file changes nothing but the
// message. The conversion is picture.js's; this only wires the markup in `root`.
import { fitCanvas, watchCanvas } from '../core/canvas.js';
import { SIZE } from '../core/digit.js';
import { setProp, setText, showText } from '../core/dom.js';
import { onFilePicked } from '../core/download.js';
import { GridView } from '../core/grid-view.js';

// Where a paste is text for a field, not a picture for the page.
const TEXT_FIELD =
  'textarea, input[type="text"], input[type="search"], input[type="number"], input:not([type])';

/**
 * Wires the picture controls found in `root` (index.html's #picture block). `onUse(pixels, name)`
 * gets the 64 values and the file's name when the reader uses the picture. Pastes are taken from the whole page
 * when `root` is in the document, and from inside `root` only when it is in a shadow root (an
 * embed leaves the host page's pastes alone).
 */
export function createPictureInput(root, { onUse }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const doc = root.ownerDocument;
  const error = $('picture-error');
  const status = $('picture-status');
  const preview = $('picture-preview');
  const thumb = $('picture-thumb');
  const binary = $('picture-binary');
  const threshold = $('picture-threshold');
  const thresholdValue = $('picture-threshold-value');
  const cellsView = new GridView($('picture-cells'), {
    rows: SIZE,
    cols: SIZE,
    describe: (i, v) =>
      `row ${Math.floor(i / SIZE) + 1}, column ${(i % SIZE) + 1}: ${v.toFixed(2)}`,
  });
  let picture = null; // { name, canvas, cells, inverted, blank }: the one shown
  let convert = null; // picture.js, which comes with the first picture (as its decoder)
  let reading = 0; // the latest file asked for: an older one that finishes later is dropped

  const showError = (message) => showText(error, message);
  const level = () => (binary.checked ? Number(threshold.value) / 100 : null);
  const pixels = () => convert.pictureInput(picture.cells, level());

  async function read(file) {
    const ticket = ++reading;
    try {
      // The decoder and the conversion come with the first picture (a first visit does not
      // fetch them).
      const [{ decodePicture }, picturing] = await Promise.all([
        import('../core/picture-decode.js'),
        import('../core/picture.js'),
      ]);
      convert = picturing;
      const { canvas, data } = await decodePicture(file, doc);
      if (ticket !== reading) return;
      picture = {
        name: file.name || 'The pasted picture',
        canvas,
        ...convert.pictureCells(data.data, data.width, data.height),
      };
    } catch (err) {
      if (ticket === reading) showError(err.message);
      return;
    }
    showError(null);
    setProp(preview, 'hidden', false);
    thumb.setAttribute('aria-label', `${picture.name}, as read`);
    drawThumb();
    showCells();
    const ink = picture.inverted
      ? 'dark on light, so dark is ink'
      : 'light on dark, so light is ink';
    // A picture far from square is fitted into one: a thin strip's ink may fill too little of
    // any cell to show.
    const small = `${picture.name}: its ink is too small to show at 8x8 (the picture is fitted into a square: crop it close around the digit).`;
    setText(
      status,
      picture.blank
        ? picture.flat
          ? `${picture.name}: no ink found, the picture is one flat colour.`
          : small
        : `${picture.name} read (${ink}). "Use it" makes the 8x8 version the input.`,
    );
  }

  function drawThumb() {
    if (!picture) return;
    const { ctx, width, height } = fitCanvas(thumb);
    const { canvas } = picture;
    const scale = Math.min(width / canvas.width, height / canvas.height);
    const [w, h] = [canvas.width * scale, canvas.height * scale];
    // Over white, as the conversion composites it.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(canvas, (width - w) / 2, (height - h) / 2, w, h);
  }

  function showCells() {
    const t = Number(threshold.value);
    setProp(threshold, 'disabled', !binary.checked);
    setText(thresholdValue, `${t}%`);
    threshold.setAttribute(
      'aria-valuetext',
      `${t}%: cells at least ${t}% as inked as the most inked one are ink`,
    );
    if (picture) cellsView.draw(pixels());
  }

  onFilePicked($('picture-file'), read);
  binary.addEventListener('change', showCells);
  threshold.addEventListener('input', showCells);
  $('picture-use').addEventListener('click', () => {
    if (!picture) return;
    onUse(pixels(), picture.name);
    setText(
      status,
      `${picture.name} is the input now${binary.checked ? `, as binary ink from ${threshold.value}%` : ', in greys'}.`,
    );
  });
  watchCanvas(thumb, drawThumb);

  // Drops and pastes only while the block is there (an embed's controls="..." may hide it).
  const offered = () => !$('picture').closest('[hidden]');
  for (const zone of [$('original')?.closest('figure'), $('picture').closest('section')]) {
    if (zone) acceptDrops(zone, { offered, onFile: read });
  }
  const pasteTarget = root.getRootNode() === doc ? doc : root;
  pasteTarget.addEventListener('paste', (e) => {
    if (!offered() || e.target.isContentEditable || e.target.matches?.(TEXT_FIELD)) return;
    const file = [...(e.clipboardData?.items ?? [])].find((it) => it.kind === 'file')?.getAsFile();
    if (!file) return; // text: not ours
    e.preventDefault();
    read(file);
  });
  showCells();
}

// Files dragged over `zone` may be dropped there while `offered()` (it shows it); anything
// else passes by.
function acceptDrops(zone, { offered, onFile }) {
  const carriesFiles = (e) => offered() && e.dataTransfer?.types.includes('Files');
  zone.addEventListener('dragover', (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    zone.classList.add('dropping');
  });
  zone.addEventListener('dragleave', (e) => {
    if (!zone.contains(e.relatedTarget)) zone.classList.remove('dropping');
  });
  zone.addEventListener('drop', (e) => {
    zone.classList.remove('dropping');
    const file = carriesFiles(e) ? e.dataTransfer.files[0] : null;
    // A .keras file is the weights panel's (app.js takes it wherever it is dropped).
    if (!file || file.name.endsWith('.keras')) return;
    e.preventDefault();
    onFile(file);
  });
}
