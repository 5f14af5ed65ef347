// What a <tiny-autoencoder> tag asks for, read from its attributes with the page's own parsers
// (urlstate.js): the same checks and messages as a link, and `pixels` takes the very 16 hex
// digits of a link's `input=`, so a drawing made on the page can be pasted into a post.
import { DIGITS } from './digit.js';
import { DEFAULTS, decodeImage, parseEpochs, parseLearningRate, parseSeed, parseSpeed } from './urlstate.js';

/** The attributes that shape a run or the layout: changing any of them restarts the element. */
export const ATTRIBUTES = Object.freeze(['seed', 'preset', 'pixels', 'epochs', 'speed', 'learning-rate', 'autoplay', 'panels', 'height']);

const PANELS = ['compact', 'full'];
// A bare number is pixels; units that make sense for a box in a post.
const LENGTH = /^(\d+(\.\d+)?)(px|em|rem|vh|svh|lvh|dvh)?$/;

function parsePreset(text) {
  const s = text.trim();
  if (!/^\d$/.test(s)) throw new Error(`preset must be a digit from 0 to 9, got ${JSON.stringify(s)}`);
  return [...DIGITS[Number(s)]];
}

function parsePanels(text) {
  const s = text.trim().toLowerCase();
  if (!PANELS.includes(s)) throw new Error(`panels must be ${PANELS.join(' or ')}, got ${JSON.stringify(s)}`);
  return s;
}

function parseHeight(text) {
  const m = text.trim().toLowerCase().match(LENGTH);
  if (!m) throw new Error(`height must be a length such as 420 or 30rem, got ${JSON.stringify(text.trim())}`);
  return m[3] ? m[0] : `${m[1]}px`;
}

const PARSERS = {
  seed: parseSeed,
  preset: parsePreset,
  pixels: decodeImage,
  epochs: parseEpochs,
  speed: parseSpeed,
  'learning-rate': parseLearningRate,
  panels: parsePanels,
  height: parseHeight,
};

/**
 * The element's settings from `get(name)` (an attribute's value, or null when absent):
 * `{ state, autoplay, panels, height }`, `state` being what a link gives (seed, learningRate,
 * epochs, speed, input). `pixels` wins over `preset`. Throws an Error naming the attribute.
 */
export function embedConfig(get) {
  const value = {};
  for (const [name, parse] of Object.entries(PARSERS)) {
    const raw = get(name);
    if (raw === null || raw === undefined) continue;
    try {
      value[name] = parse(String(raw));
    } catch (err) {
      throw new Error(`${name}: ${err.message.replace(/^[a-z ]+ must/i, 'must')}`, { cause: err });
    }
  }
  const state = { ...DEFAULTS };
  if ('seed' in value) state.seed = value.seed;
  if ('learning-rate' in value) state.learningRate = value['learning-rate'];
  if ('epochs' in value) state.epochs = value.epochs;
  if ('speed' in value) state.speed = value.speed;
  state.input = value.pixels ?? value.preset ?? DEFAULTS.input;
  const autoplay = get('autoplay');
  return {
    state,
    // A boolean attribute; autoplay="false" is read the way it is meant.
    autoplay: autoplay !== null && autoplay !== undefined && autoplay.trim().toLowerCase() !== 'false',
    panels: value.panels ?? 'compact',
    height: value.height ?? null,
  };
}
