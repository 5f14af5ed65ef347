// The network view, live: every hidden and latent unit a tile, layer by layer, as TensorFlow
// Playground draws its network. The first hidden layer's tiles show each unit's 64 incoming
// weights as an 8x8 image (what it looks for), the last hidden layer's its 64 outgoing ones
// (what it paints); lines between layers follow the inner weights; each tile's bar is its
// activation on the input, and a unit at 0 on every training image is marked dead. The tiles
// are buttons; what they show is painted on two canvases for the whole view (the lines under
// them, the faces and bars over them), so a frame's work for the compositor does not grow with
// the network, and while training neither is painted off-screen (a run's last frame is). A click
// (or Enter) knocks a unit out of what is drawn and back in; a tap on a touch screen only reads
// a unit, and the button under the view knocks it out. The numbers all come with the
// worker's frame (`net`, from the core); this file only places and paints them. The words are
// network-card.js's, the arrow keys network-focus.js's.
import { cssVar, watchCanvas } from './canvas.js';
import { el, setAttr, setProp, setText } from './dom.js';
import { knockOutText, layerName, legendText, unitCard } from './network-card.js';
import { diverging, drawFaces, drawLinks, fillAtlas, parseHex } from './network-draw.js';
import { tileFocus } from './network-focus.js';
import {
  buildColumns,
  linkKernels,
  networkShape,
  placeTiles,
  publishTiles,
  readTiles,
  tileCentres,
  tileWeights,
} from './network-tiles.js';

// While training, the weight images and the lines are each repainted once every this many
// frames, on different frames (the bars every frame): they are most of a frame's time, and
// weights move slowly. A frame that ends or pauses training is always painted in full.
const PAINT_EVERY = 4;

/**
 * Builds the view in `container`. `onKnockOut(off)` gets one 0/1 per hidden and latent unit
 * (layer by layer) whenever the reader knocks a unit out or back in, or null for none.
 * Returns `{ setNetwork(options), draw(net, loss), knockOuts(), knockOut(units) }`.
 */
export function createNetworkView(container, { onKnockOut }) {
  const doc = container.ownerDocument;
  const { links, faces, columnsBox, info, knock, legend, summary } = buildStage(container);
  let shape = null; // { widths, options, dense, columns: [[tile]], actAt, images }
  let off = new Uint8Array(0);
  let net = null; // the last frame's numbers
  let focused = null; // the tile the info line describes
  let frames = 0;
  let touch = false; // the last press was a finger's: it reads the unit, it does not knock it out
  const focus = tileFocus(columnsBox, () => shape.columns);
  const painter = createPainter(
    container,
    { links, faces },
    () => shape && net && { shape, net, off },
  );
  // The tiles' boxes are read when the observer reports, just after a layout, never forcing one.
  const layout = new ResizeObserver(() => shape && painter.measure(shape));
  layout.observe(columnsBox);

  function wire(tile) {
    tile.button.addEventListener('pointerdown', (e) => (touch = e.pointerType === 'touch'));
    tile.button.addEventListener('click', (e) => {
      // A tap reads (a finger has no hover); Enter or Space (detail 0) and a mouse knock out.
      if (touch && e.detail > 0) describe(tile, true);
      else toggle(tile);
      touch = false;
    });
    tile.button.addEventListener('focus', () => describe(tile, true));
    tile.button.addEventListener('pointerenter', () => describe(tile, false));
  }

  function mark(tile, out) {
    off[tile.index] = out ? 1 : 0;
    setAttr(tile.button, 'aria-pressed', String(out));
    if (tile.button.classList.contains('off') !== out) tile.button.classList.toggle('off', out);
  }

  function toggle(tile) {
    mark(tile, !off[tile.index]);
    changed();
  }

  function changed() {
    onKnockOut(off.some((v) => v) ? Array.from(off) : null);
    // Its lines and face go with it, now rather than at the next frame's repaint.
    painter.paint(true, true);
    showInfo();
  }

  function describe(tile, byFocus) {
    focused = tile;
    if (byFocus) focus.moveStop(tile);
    showInfo();
  }

  function showInfo() {
    const state = focused && {
      knockedOut: Boolean(off[focused.index]),
      dead: focused.button.classList.contains('dead'),
    };
    setText(info, unitCard(shape, net, focused, state));
    setProp(knock, 'hidden', !focused);
    if (focused)
      setText(
        knock,
        `${state.knockedOut ? 'Restore' : 'Knock out'} ${layerName(shape.options, focused.c).toLowerCase()} unit ${focused.u + 1}`,
      );
  }

  knock.addEventListener('click', () => focused && toggle(focused));

  return {
    /** A new run's network (the core's resolved options): new tiles, nothing knocked out. */
    setNetwork(options) {
      shape = networkShape(options);
      off = new Uint8Array(shape.actAt.at(-1));
      focused = null;
      const columns = buildColumns(doc, shape, info.id);
      for (const tile of shape.columns.flat()) wire(tile);
      columnsBox.replaceChildren(...columns, faces);
      focus.moveStop(shape.columns[0][0]);
      net = null;
      // New tiles, maybe in a box of the same size: observing afresh reports it all the same.
      painter.forget();
      layout.unobserve(columnsBox);
      layout.observe(columnsBox);
    },
    /** The knocked-out units as [layer, unit] pairs, both from 1 (a link's `off=`). */
    knockOuts() {
      return shape
        ? shape.columns
            .flat()
            .filter((t) => off[t.index])
            .map((t) => [t.c, t.u + 1])
        : [];
    },
    /** Knocks out exactly `units` ([layer, unit] pairs from 1; those this network lacks are left out). */
    knockOut(units) {
      if (!shape) return;
      const wanted = new Set(units.map(([c, u]) => `${c}.${u}`));
      for (const tile of shape.columns.flat()) mark(tile, wanted.has(`${tile.c}.${tile.u + 1}`));
      changed();
    },
    /**
     * Paints a frame's `net` numbers, with `trainingLoss` (the frame's loss) for comparison;
     * `running`: more frames follow at once, so the weights may wait a few.
     */
    draw(frameNet, trainingLoss, running = false) {
      if (!shape || !frameNet) return;
      net = frameNet;
      const turn = running ? frames++ % PAINT_EVERY : 0;
      const images = turn === 0;
      readTiles(shape, net);
      if (images) publishTiles(shape, net, !running);
      painter.paint(images, !running || turn === PAINT_EVERY / 2, !running);
      showInfo();
      setText(legend, legendText(shape));
      setText(summary, knockOutText(shape, off, net, trainingLoss));
    },
  };
}

// The two canvases' painting: the colours (the card's at 0, the text's for the bars; read again
// only when the scheme or size changes: a style read in every frame would force a style
// recalculation of the whole page), the weight images' atlas, and nothing while the view is
// away from the screen. `now()`: { shape, net, off }, or null before a frame.
function createPainter(container, { links, faces }, now) {
  const atlas = container.ownerDocument.createElement('canvas'); // fillAtlas()'s; never on the page
  let atlasFresh = false;
  let visible = false; // near the screen: worth painting
  let centres = null; // the tiles' centres for the lines, once measured (their boxes with them)
  let zero = null;
  let ink = null;
  const readColours = () => {
    zero = parseHex(cssVar(container, '--card', '#ffffff'));
    ink = parseHex(cssVar(container, '--fg', '#000000'));
  };
  // Near the screen, or `anyway` (training stopped: one paint, so the view is right wherever it is).
  const ready = (anyway) => ((visible || anyway) && centres && now()) || null;

  function lines(anyway) {
    const at = ready(anyway);
    if (!at) return;
    if (!zero) readColours();
    // How many, for tests: the lines are painted only once the view is near the screen.
    links.dataset.lines = String(
      drawLinks(links, centres, linkKernels(at.shape, at.net.weights, at.off), zero),
    );
  }

  function tiles(anyway) {
    const at = ready(anyway);
    if (!at) return;
    if (!zero) readColours();
    const all = at.shape.columns.flat();
    if (!atlasFresh)
      fillAtlas(
        atlas,
        all
          .filter((t) => t.image >= 0)
          .map((t) => ({ values: tileWeights(at.shape, at.net, t), top: t.imageTop })),
        zero,
      );
    atlasFresh = true;
    drawFaces(
      faces,
      all.map((t) => ({
        face: t.faceBox,
        bar: t.barBox,
        alpha: at.off[t.index] ? 0.35 : t.dead ? 0.6 : 1,
        level: t.top > 0 ? Math.min(1, Math.abs(t.a) / t.top) : 0,
        image: t.image,
        colour: t.image >= 0 ? null : diverging(t.a, t.top, zero),
      })),
      atlas,
      ink,
    );
  }

  const paint = (images, withLines, anyway = false) => {
    if (images) atlasFresh = false;
    if (withLines) lines(anyway);
    tiles(anyway);
  };
  watchCanvas(links, () => {
    readColours();
    lines();
  });
  watchCanvas(faces, () => {
    readColours();
    paint(true, false);
  });
  new IntersectionObserver(
    (entries) => {
      visible = entries.at(-1).isIntersecting;
      paint(true, true);
    },
    { rootMargin: '200px' },
  ).observe(container);
  return {
    /** Where every tile is now: after a layout, or a new network's first. */
    measure(shape) {
      centres = tileCentres(links, shape.columns);
      placeTiles(faces, shape.columns);
      paint(true, true);
    },
    /** A new network: its tiles are not placed yet. */
    forget: () => (centres = null),
    /**
     * Paints the tiles' faces and bars, the weight images afresh with `images`, and `withLines`
     * the lines; off-screen only `anyway`.
     */
    paint,
  };
}

// The lines' canvas under the columns' box (the faces' canvas goes in it, over the tiles), then
// the legend, the info line with its knock-out button (what a tap cannot do on a touch screen)
// and the summary.
function buildStage(container) {
  const doc = container.ownerDocument;
  const links = el(doc, 'canvas', { className: 'net-links', 'aria-hidden': 'true' });
  const faces = el(doc, 'canvas', { className: 'net-faces', 'aria-hidden': 'true' });
  const columnsBox = el(doc, 'div', {
    className: 'net-columns',
    role: 'group',
    'aria-label':
      'Units of the network: arrow keys move, Enter or Space knocks a unit out or back in',
  });
  const info = el(doc, 'p', {
    className: 'net-info explain',
    id: `${container.id || 'network'}-info`,
  });
  const legend = el(doc, 'p', { className: 'net-legend explain' });
  const knock = el(doc, 'button', { type: 'button', className: 'net-knock', hidden: true });
  const summary = el(doc, 'p', { className: 'net-off explain' });
  container.append(
    el(doc, 'div', { className: 'net-stage' }, links, columnsBox),
    legend,
    info,
    knock,
    summary,
  );
  return { links, faces, columnsBox, info, knock, legend, summary };
}
