// What a <tiny-autoencoder> tag asks for, read from its attributes with the page's own parsers
// (urlstate.js): the same checks and messages as a link, and `pixels` takes the very 16 hex
// digits of a link's `input=`, so a drawing made on the page can be pasted into a post.
import { DIGITS } from '../core/digit.js';
import { COMPACT_PARTS, parseControls } from './controls.js';
import { settleConflicts } from '../core/architecture.js';
import { DEFAULTS, setting, SettingError, SETTINGS } from '../core/urlstate.js';
import { oneOf } from '../core/settings.js';

/**
 * The attributes that shape a run or the layout: changing any of them restarts the element.
 * The run's (the network's included) are the settings table's.
 */
export const ATTRIBUTES = Object.freeze([
  ...SETTINGS.map((s) => s.attribute),
  'preset',
  'autoplay',
  'panels',
  'height',
  'controls',
  'data',
]);

const PANELS = ['compact', 'full', 'map', 'generate'];
// panels="map" and "generate": the data page's figures (embed/data-view.js, which refuses, as it
// loads, what else they do not take). Their data sets are that page's (digits/config.js
// DATA_SETS), and so is the map's default seed (tests/js/embed.test.mjs checks both).
export const DATA = ['digits', 'mnist', 'quickdraw'];
export const DATA_SEED = 2;
/** theme: the OS's choice when absent. */
export const THEMES = Object.freeze(['light', 'dark']);
const AUTOPLAY = ['', 'autoplay', 'true', 'false'];
// A bare number is pixels; units that make sense for a box in a post.
const LENGTH = /^(\d+(\.\d+)?)(px|em|rem|vh|svh|lvh|dvh)?$/;

function parsePreset(text) {
  const s = text.trim();
  if (!/^\d$/.test(s)) throw new SettingError('preset', 'a digit from 0 to 9', s);
  return [...DIGITS[Number(s)]];
}

function parseHeight(text) {
  const m = text.trim().toLowerCase().match(LENGTH);
  if (!m) throw new SettingError('height', 'a length such as 420 or 30rem', text.trim());
  return m[3] ? m[0] : `${m[1]}px`;
}

/** theme="light" | "dark"; anything else is refused, not silently ignored. */
export function parseTheme(text) {
  const s = text.trim().toLowerCase();
  if (!THEMES.includes(s))
    throw new SettingError(
      'theme',
      `${THEMES.join(' or ')} (or no theme attribute: the OS's choice)`,
      text.trim(),
    );
  return s;
}

function parseAutoplay(text) {
  const s = text.trim().toLowerCase();
  if (!AUTOPLAY.includes(s))
    throw new SettingError('autoplay', 'present (or "true") or "false"', text.trim());
  return s !== 'false';
}

// The run's attributes come from the settings table (urlstate.js); these shape the element.
const PARSERS = {
  ...Object.fromEntries(SETTINGS.map((s) => [s.attribute, s.parse])),
  preset: parsePreset,
  panels: oneOf('panels', PANELS),
  data: oneOf('data', DATA),
  height: parseHeight,
  theme: parseTheme,
  autoplay: parseAutoplay,
  controls: parseControls,
};

/**
 * The element's settings from `get(name)` (an attribute's value, or null when absent):
 * `{ state, autoplay, panels, height, controls, data }` (controls: a Set of names, or null for all; theme and autoplay are checked too), `state` being what a link gives (seed, learningRate,
 * epochs, speed, input), `data` the data set of panels="map" or "generate" (else null).
 * `pixels` wins over `preset`. Throws an Error naming every bad attribute (a control the layout
 * does not have, a data set on the '4''s views), separated by "; ".
 */
export function embedConfig(get) {
  const value = {};
  const bad = [];
  for (const [name, parse] of Object.entries(PARSERS)) {
    const raw = get(name);
    if (raw === null || raw === undefined) continue;
    try {
      value[name] = parse(String(raw));
    } catch (err) {
      if (!(err instanceof SettingError)) throw err;
      bad.push(`${name}: ${err.rule}`);
    }
  }
  const panels = value.panels ?? 'compact';
  const figure = PANELS.indexOf(panels) > 1;
  if ('data' in value && !figure)
    bad.push(`data: only panels="map" and panels="generate" take a data set, not "${panels}"`);
  // The compact view has only some of the controls: another is refused, not quietly dropped.
  for (const name of value.controls ?? [])
    if (panels === 'compact' && !COMPACT_PARTS[name])
      bad.push(`controls: ${name} needs panels="full"`);
  // Every bad attribute at once: a post's author fixes them in one go, not one per reload.
  if (bad[0]) throw new Error(bad.join('; '));
  const state = { ...DEFAULTS, ...(figure && { seed: DATA_SEED }) };
  for (const s of SETTINGS) if (s.attribute in value) state[s.field] = value[s.attribute];
  if (!('pixels' in value) && 'preset' in value) state.input = value.preset;
  // A clash the editor would not allow (loss="binary_crossentropy" output="linear") is refused.
  const [clash] = settleConflicts(state, SETTINGS, DEFAULTS);
  if (clash) {
    const name = setting('key', clash.key).attribute;
    throw new Error(`${name}: must be ${clash.reason}, got ${JSON.stringify(clash.got)}`);
  }
  return {
    state,
    // A boolean attribute; autoplay="false" is read the way it is meant.
    autoplay: value.autoplay ?? false,
    panels,
    height: value.height ?? null,
    controls: value.controls ?? null,
    data: figure ? (value.data ?? 'digits') : null,
  };
}
