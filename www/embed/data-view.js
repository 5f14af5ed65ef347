// panels="map" and panels="generate" (issue 27): the data page's figures in a post. The markup is
// digits.html's own (markup.js), cut down to the latent map with its toolbar, or to the
// variational panel's grid and Generate; the page's own modules run it (map/panel.js,
// vae/panel.js) inside the element's shadow root, on an engine of their own. Loaded only when
// such an embed nears the screen, and only then is its data fetched.
import { startEngine } from '../digits/client.js';
import { readConfig } from '../digits/config.js';
import { createDataPicker } from '../digits/data-picker.js';
import { mountDigits } from '../digits/map/panel.js';
import { mountVaePanel } from '../digits/vae/panel.js';
import { addSheet, nameLandmarks, pagePart } from './markup.js';

const PAGE = new URL('../../digits.html', import.meta.url);
// The 8x8 digits, as the page fetches them (53 KB); a 28x28 set comes by the picker's download.
const DIGITS = new URL('../../data/digits.csv.gz', import.meta.url);
// The page's stylesheets, then the embed's own for these views (the label palette, the layout).
const SHEETS = [
  new URL('../core/style.css', import.meta.url),
  new URL('../digits/digits.css', import.meta.url),
  new URL('../digits/vae/vae.css', import.meta.url),
  new URL('./data.css', import.meta.url),
];

// What the map's modules read but a post does not show (their elements are kept, hidden;
// .page-only: the map's help on what only the page has, the explorer and the grid), and what
// nothing here reads at all.
const MAP_HIDDEN = [
  '.intro, .arch-panel, .chart-panel, .map-panel:has(#pca-map), .compare, .lower',
  '.gallery-panel, .data-panel, .page-only',
].join(', ');
const MAP_UNUSED = '.modes, noscript, .notes, #kcurve, #vae';
// The generator: its controls, the decoder's grid and Generate; not its curves, map or path.
const GENERATE_HIDDEN = [
  '#vae-title, #vae > .explain:first-of-type, #vae > .series, #vae > .canvas-box',
  '.vae-figure:has(#vae-map), #vae-path, #vae-path-caption, .vae-subhead:not(:first-of-type)',
].join(', ');

// The attributes each figure takes; the element's others (the '4''s run, its network, preset,
// controls) are refused by name, as the element refuses a bad value.
const TAKES = {
  map: ['panels', 'data', 'seed', 'autoplay', 'height', 'theme'],
  generate: ['panels', 'data', 'autoplay', 'height', 'theme'],
};

/**
 * Mounts panels="map" or panels="generate" (config: embedConfig()'s) in `box`, in the shadow
 * root of `host`, which publishes the run. Resolves to the element's handle: `{ play(), pause(),
 * step(n), reset(), setActive(active), destroy() }`, and the map's redraw() (a new theme);
 * rejects naming every attribute the figure does not take (the element shows that, as it shows
 * a bad value).
 */
export async function mountDataView(box, host, config) {
  checkAttributes(host, config);
  const doc = box.ownerDocument;
  const [root] = await Promise.all([
    pagePart(PAGE, 'digits', doc, 'the data page'),
    ...SHEETS.map((href) => addSheet(box, href)),
  ]);
  box.replaceChildren(root);
  if (config.panels === 'map') {
    const view = mountMap(root, host, config);
    nameLandmarks(root, host, 'map');
    return view;
  }
  const view = mountGenerate(root, host, config);
  nameLandmarks(root, host, 'generator');
  return view;
}

/** Throws an Error naming each of `host`'s attributes that `panels` does not take, in one go. */
function checkAttributes(host, { panels, data }) {
  const takes = TAKES[panels];
  const bad = host.constructor.observedAttributes
    .filter((name) => host.hasAttribute(name) && !takes.includes(name))
    .map((name) => `${name}: panels="${panels}" takes only ${takes.slice(1).join(', ')}`);
  // The variational model is the page's: 64 inputs, the 8x8 digits' split.
  if (panels === 'generate' && data !== 'digits')
    bad.push(`data: panels="generate" trains on the 8x8 digits only, got "${data}"`);
  if (bad[0]) throw new Error(bad.join('; '));
}

/** The 8x8 digits' bytes, as the page's engine takes them. */
function fetchDigits() {
  return fetch(DIGITS).then((response) => {
    if (!response.ok) throw new Error(`could not fetch ${DIGITS}: HTTP ${response.status}`);
    return response.arrayBuffer().then((bytes) => ({ bytes, builtin: true }));
  });
}

function mountMap(root, host, { data, state, autoplay }) {
  for (const el of root.querySelectorAll(MAP_UNUSED)) el.remove();
  for (const el of root.querySelectorAll(MAP_HIDDEN)) el.hidden = true;
  // Under the toolbar: the download's progress bar (a 28x28 set), and whose data it is.
  const picker = root.querySelector('.data-picker');
  for (const el of picker.querySelectorAll('label, select')) el.hidden = true;
  root.querySelector('.toolbar').after(picker, root.querySelector('#data-pick-error'));
  const credit = root.querySelector(`.data-credit[data-for="${data}"]`);
  credit.hidden = false;
  root.append(credit);
  // The page's picker downloads with its progress bar; showing a data set is the page's own
  // business (its select, and a data-data on the body): a post's body is left alone.
  const download = createDataPicker(root);
  const fixed = Object.assign(Object.create(download), { show() {} });
  // As on the page: the run trains in one engine while its map is surveyed in a second.
  const engine = startEngine(undefined, { survey: true });
  const first = data === 'digits' ? fetchDigits() : download.fetch(data);
  const { session, redraw } = mountDigits(root, {
    host,
    initial: readConfig({ hash: `#data=${data}&seed=${state.seed}` }),
    engine,
    firstData: engine.loadData('main', first),
    first,
    builtin: data === 'digits' ? first : null,
    picker: fixed,
    embedded: true,
    autoplay,
  });
  return {
    play: () => session.play(),
    pause: () => session.pause(),
    step: (n) => session.step(n),
    reset: () => session.reset(),
    setActive: (active) => session.setActive(active),
    redraw,
    destroy: () => engine.terminate(),
  };
}

function mountGenerate(root, host, { autoplay }) {
  const section = root.querySelector('#vae');
  root.replaceChildren(section);
  for (const el of section.querySelectorAll(GENERATE_HIDDEN)) el.hidden = true;
  let engine = null;
  const vae = mountVaePanel(section, {
    engine: () => (engine ??= startEngine()),
    source: fetchDigits(),
    host,
  });
  vae.start(autoplay);
  return { ...vae, destroy: () => engine?.terminate() };
}
