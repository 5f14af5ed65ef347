// The variational panel's latent map: the test digits at their code means (ScatterMap, as the
// page's own maps), a tooltip with a digit's mean and sigma under the pointer, the arrow keys
// moving a cursor from digit to digit (each move said in a polite live line, since the reader
// asked for it), and picks, two at a time, for the interpolation.
import { setText } from '../../core/dom.js';
import { createTooltip } from '../../core/tooltip.js';
import { QUANTILES } from '../../engine/vae-prior.js';
import { KEY_DIRECTIONS, nearestTo, stepFrom } from '../map/map-view.js';
import { ScatterMap } from '../map/scatter.js';

const EDGE = [QUANTILES[0], QUANTILES[QUANTILES.length - 1]];
const pair = (v) => `(${v[0].toFixed(2)}, ${v[1].toFixed(2)})`;

/**
 * The map on `canvas`; `readout` (a live <p>) says what the keyboard cursor is on. `onPicks`
 * gets the picked test indices (0, 1 or 2 of them) whenever they change.
 */
export function createVaeMap(canvas, { readout, onPicks }) {
  const tip = createTooltip(canvas.parentElement);
  let labels = null;
  let means = null;
  let sigmas = null;
  let picks = [];
  let cursor = -1;
  let hovered = -1;

  const name = (i) => `digit ${labels[i]}, test image ${i + 1}`;
  const describe = (i) => {
    const at = (a) => [a[2 * i], a[2 * i + 1]];
    return `${name(i)}: mean ${pair(at(means))}, σ ${pair(at(sigmas))}`;
  };
  const showTip = (i) => {
    if (i < 0 || !means || !map.screen) return tip.hide();
    const anchor = canvas.parentElement.getBoundingClientRect();
    const box = canvas.getBoundingClientRect();
    tip.show(
      describe(i),
      box.left - anchor.left + map.screen[2 * i],
      box.top - anchor.top + map.screen[2 * i + 1],
    );
  };
  const pick = (i) => {
    picks = picks.length === 1 && picks[0] !== i ? [picks[0], i] : [i];
    map.setMarks({ selected: picks });
    onPicks(picks.slice());
  };
  const map = new ScatterMap(canvas, {
    onHover: (i) => {
      hovered = i;
      map.setMarks({ hover: i });
      showTip(i);
    },
    onPick: pick,
  });

  canvas.addEventListener('keydown', (e) => {
    if (!means || !map.screen) return;
    if (e.key in KEY_DIRECTIONS) {
      cursor =
        cursor < 0
          ? nearestTo(map.screen, canvas.clientWidth / 2, canvas.clientHeight / 2)
          : stepFrom(map.screen, cursor, KEY_DIRECTIONS[e.key]);
    } else if ((e.key === 'Enter' || e.key === ' ') && cursor >= 0) {
      pick(cursor);
    } else {
      return;
    }
    e.preventDefault();
    map.setMarks({ hover: cursor });
    showTip(cursor);
    const picked = picks.indexOf(cursor);
    setText(
      readout,
      `${describe(cursor)}${picked < 0 ? '' : `; picked ${picked ? 'second' : 'first'}`}`,
    );
  });
  canvas.addEventListener('blur', () => {
    map.setMarks({ hover: -1 });
    tip.hide();
  });

  return {
    /** The test part's labels (a new data set: cursor and picks start over). */
    setLabels(next) {
      labels = next;
      cursor = -1;
      picks = [];
    },
    /** A frame's means and sigmas (2 per test digit). */
    draw(nextMeans, nextSigmas) {
      means = nextMeans;
      sigmas = nextSigmas;
      map.setData({
        positions: means,
        labels,
        xLabel: 'z₁ (mean)',
        yLabel: 'z₂ (mean)',
        rect: [...EDGE, ...EDGE],
      });
      const shown = canvas.matches(':focus') && cursor >= 0 ? cursor : hovered;
      if (shown >= 0) showTip(shown);
    },
    /** Forgets the picks and the cursor's words (a new model: its means are not these). */
    clearPicks() {
      picks = [];
      cursor = -1;
      map.setMarks({ selected: picks });
      setText(readout, '');
    },
    /** Test digit `i` in words: its label and number. */
    name,
  };
}
