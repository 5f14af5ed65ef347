// The digits page's words about where things stand: the status line, an image's title and
// where a tile of the decoded grid sits. Words only: no DOM.
import { fmt } from '../core/format.js';
import { GRID } from '../engine/latent-plane.js';

/** The status line for the run `run` of the session in `phase`, on `data` with wasm `build`. */
export function statusText({ data, run, phase, build }) {
  if (!data) return 'Loading the WebAssembly module and the digits…';
  if (!run) return `Starting a run on ${data.name ?? 'the digits'}…`;
  const on = `seed ${run.seed}, ${fmt(data.nTrain)} training images`;
  const with_ = build ? `, ${build} wasm build` : '';
  if (phase === 'training') return `Training ${on}${with_}…`;
  if (phase === 'paused') return `Paused at epoch ${fmt(run.epoch)} of ${fmt(run.target)}, ${on}.`;
  if (phase === 'done') {
    const time = run.doneMs === null ? '' : ` in ${(run.doneMs / 1000).toFixed(1)} s`;
    return `Done: ${fmt(run.epoch)} epochs${time}, ${on}${with_}.`;
  }
  return '';
}

/** 'Image #12, digit 3 (test)': image `index` of data set `data`. */
export function imageTitle(data, index) {
  const { labels, isTest } = data;
  const label = labels[index] >= 0 ? `, digit ${labels[index]}` : '';
  return `Image #${index}${label} (${isTest[index] ? 'test' : 'train'})`;
}

/** Where tile `i` of the decoded grid sits on the map's `plane` (null: no plane yet). */
export function gridPoint(plane, i) {
  if (!plane) return null;
  const [x0, x1, y0, y1] = plane.rect;
  const x = x0 + (((i % GRID) + 0.5) / GRID) * (x1 - x0);
  const y = y1 - ((Math.floor(i / GRID) + 0.5) / GRID) * (y1 - y0);
  return plane.axes === 'strip' ? `${plane.xLabel} ${x.toFixed(2)}` : `${plane.xLabel} ${x.toFixed(2)}, ${plane.yLabel} ${y.toFixed(2)}`;
}
