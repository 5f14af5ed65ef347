// The label colours, defined in digits.css (one custom property per digit, a light and a dark
// set) so the maps, the legend and the theme agree; the canvases read them here.
import { cssVar } from '../../core/canvas.js';

/** Labels the palette has a colour for: the digits 0-9, and 10-19 for Quick, Draw!'s 20 names. */
export const LABELS = 20;

// matplotlib's tab20 (tab10, then its lighter halves), used when the stylesheet did not load:
// the maps stay readable.
const FALLBACK = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#aec7e8',
  '#ffbb78',
  '#98df8a',
  '#ff9896',
  '#c5b0d5',
  '#c49c94',
  '#f7b6d2',
  '#c7c7c7',
  '#dbdb8d',
  '#9edae5',
];

/** 21 colours as CSS strings: one per label 0-19, then the one for "no label" (-1). */
export function labelColors(el) {
  const colors = FALLBACK.map((fallback, i) => cssVar(el, `--label-${i}`, fallback));
  colors.push(cssVar(el, '--label-none', '#888888'));
  return colors;
}

/** The palette index of `label` (-1, no label, is the last). */
export const colorIndex = (label) => (label >= 0 && label < LABELS ? label : LABELS);
