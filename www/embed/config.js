// What a <tiny-autoencoder> tag asks for, read from its attributes with the page's own parsers
// (urlstate.js): the same checks and messages as a link, and `pixels` takes the very 16 hex
// digits of a link's `input=`, so a drawing made on the page can be pasted into a post.
import { DIGITS } from '../core/digit.js';
import { CONTROLS, parseControls } from './controls.js';
import { settleConflicts } from '../core/architecture.js';
import { DEFAULTS, setting, SettingError, SETTINGS } from '../core/urlstate.js';

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
]);

const PANELS = ['compact', 'full'];
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

function parsePanels(text) {
  const s = text.trim().toLowerCase();
  if (!PANELS.includes(s)) throw new SettingError('panels', PANELS.join(' or '), text.trim());
  return s;
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
  panels: parsePanels,
  height: parseHeight,
  theme: parseTheme,
  autoplay: parseAutoplay,
  controls: parseControls,
};

/**
 * The element's settings from `get(name)` (an attribute's value, or null when absent):
 * `{ state, autoplay, panels, height, controls }` (controls: a Set of names, or null for all; theme and autoplay are checked too), `state` being what a link gives (seed, learningRate,
 * epochs, speed, input). `pixels` wins over `preset`. Throws an Error naming every bad attribute
 * (and a control the layout does not have), separated by "; ".
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
  // The compact view has only some of the controls: another is refused, not quietly dropped.
  const panels = value.panels ?? 'compact';
  for (const name of value.controls ?? [])
    if (!CONTROLS[name][panels]) bad.push(`controls: ${name} needs panels="full"`);
  // Every bad attribute at once: a post's author fixes them in one go, not one per reload.
  if (bad[0]) throw new Error(bad.join('; '));
  const state = { ...DEFAULTS };
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
  };
}
