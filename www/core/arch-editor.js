// The architecture editor, laid out as TensorFlow Playground's: presets, then the layers with
// buttons for one layer or one unit more or less, then a settings table of selects and
// fields (arch-table.js). It proposes changes and draws what it is given; the run (and whether
// the core takes the change) is the caller's.
import {
  ARCH_PRESETS,
  archLimits,
  conflicts,
  PRESET_LABELS,
  presetOf,
  widthDown,
  widthUp,
} from './architecture.js';
import { ArchTable } from './arch-table.js';
import { el, setAttr, setText } from './dom.js';
import { fmt } from './format.js';

/**
 * Builds the editor inside `container` with the preset buttons of `presets` and the settings
 * rows `rows` beyond the '4' page's (vae-settings.js's VAE_PRESETS and VAE_SETTINGS add the
 * variational switch and beta), for data of `inputWidth` values per item (archLimits(): the
 * layers and units it offers). `onChange(patch)` gets the fields to change (one call, one new
 * run). Returns `{ render(config, nParams), setInputWidth(width), error(message) }`.
 */
export function createArchEditor(
  container,
  { onChange, presets: presetTable = ARCH_PRESETS, rows = [], inputWidth = 64 },
) {
  const doc = container.ownerDocument;
  let config = null;
  let limits = archLimits(inputWidth);
  const presets = el(doc, 'div', {
    className: 'arch-presets',
    role: 'group',
    'aria-label': 'Network presets',
  });
  const presetButtons = Object.keys(presetTable).map((name) => {
    const b = el(doc, 'button', { type: 'button', className: 'arch-preset' }, PRESET_LABELS[name]);
    b.dataset.preset = name;
    b.addEventListener('click', () => onChange({ ...presetTable[name] }));
    return b;
  });
  presets.append(...presetButtons);
  const layers = el(doc, 'div', { className: 'arch-layers' });
  const table = new ArchTable(doc, { rows, variational: 'variational' in presetTable, onChange });
  const params = el(doc, 'p', { className: 'arch-params', id: 'arch-params' });
  container.append(presets, layers, table.element, table.why, params, table.errors);

  // New rows replace the old ones: the focus goes back to the button (or value) it was on.
  function renderLayers() {
    const focused =
      doc.activeElement?.dataset?.key ?? container.getRootNode().activeElement?.dataset?.key;
    layers.replaceChildren(
      sideRow(doc, config, limits, 'encoder', 'Encoder', onChange),
      latentRow(doc, config, limits, onChange),
      sideRow(doc, config, limits, 'decoder', 'Decoder', onChange),
    );
    if (focused) layers.querySelector(`[data-key="${focused}"]`)?.focus();
  }

  return {
    /** Shows `config` (the run's settings) and the core's parameter count for it. */
    render(next, nParams) {
      if (conflicts(next).length)
        throw new Error(`arch-editor: a clash reached the editor: ${conflicts(next)[0].reason}`);
      const layout =
        config &&
        ['encoder', 'decoder', 'latent'].every((f) => String(config[f]) === String(next[f]));
      config = next;
      if (!layout) renderLayers();
      table.render(config);
      const preset = presetOf(config, presetTable);
      for (const b of presetButtons)
        setAttr(b, 'aria-pressed', String(b.dataset.preset === preset));
      setText(
        params,
        nParams
          ? `${fmt(nParams)} weights and biases${preset ? ` (the ${PRESET_LABELS[preset]} preset)` : ''}`
          : '',
      );
      if (nParams) params.dataset.value = String(nParams);
    },
    /** Offers the layers and units of data `width` values wide (archLimits()) from now on. */
    setInputWidth(width) {
      const next = archLimits(width);
      if (next === limits) return;
      limits = next;
      if (config) renderLayers();
    },
    /** The core refused the change (`message`), or null to clear: the run in use carries on. */
    error(message) {
      table.showError(message);
    },
  };
}

// One side's row (`field` 'encoder' or 'decoder'): each width with buttons for a unit less or
// more, then a layer less or more (added next to the latent, as wide as the one beside it or 16),
// within `limits` (archLimits()).
function sideRow(doc, config, limits, field, title, onChange) {
  const widths = config[field];
  const set = (next) => onChange({ [field]: Object.freeze(next) });
  const units = widths.map((w, i) =>
    stepper(doc, `${field}-${i}`, `${title.toLowerCase()} layer ${i + 1}`, w, limits.width, (v) =>
      set(widths.map((x, j) => (j === i ? v : x))),
    ),
  );
  const lastWidth = widths.at(field === 'encoder' ? -1 : 0) ?? 16;
  const grow = field === 'encoder' ? [...widths, lastWidth] : [lastWidth, ...widths];
  const shrink = field === 'encoder' ? widths.slice(0, -1) : widths.slice(1);
  const add = stepButton(
    doc,
    `${field}-add`,
    '+ layer',
    `Add a hidden layer to the ${title.toLowerCase()}`,
    widths.length >= limits.layers,
    () => set(grow),
  );
  const remove = stepButton(
    doc,
    `${field}-remove`,
    '\u2212 layer',
    `Remove a hidden layer from the ${title.toLowerCase()}`,
    widths.length === 0,
    () => set(shrink),
  );
  const none = widths.length ? [] : [el(doc, 'span', { className: 'explain' }, 'no hidden layer')];
  const row = el(
    doc,
    'div',
    { className: 'arch-row' },
    el(doc, 'span', { className: 'arch-side' }, title),
    ...units,
    ...none,
    remove,
    add,
  );
  row.dataset.side = field;
  return row;
}

function latentRow(doc, config, limits, onChange) {
  const row = el(
    doc,
    'div',
    { className: 'arch-row' },
    el(doc, 'span', { className: 'arch-side' }, 'Latent'),
    stepper(doc, 'latent', 'latent code', config.latent, limits.latent, (v) =>
      onChange({ latent: v }),
    ),
  );
  row.dataset.side = 'latent';
  return row;
}

// A width `value` from 1 to `hi` between its buttons for a step less and a step more (one unit
// up to 64, then doubling and halving: widthUp, widthDown).
function stepper(doc, key, label, value, hi, set) {
  const less = stepButton(doc, `${key}-less`, '\u2212', `Fewer units: ${label}`, value <= 1, () =>
    set(widthDown(value)),
  );
  const more = stepButton(doc, `${key}-more`, '+', `More units: ${label}`, value >= hi, () =>
    set(widthUp(value, hi)),
  );
  const out = el(doc, 'output', { className: 'arch-width' }, String(value));
  out.dataset.key = `${key}-value`;
  return el(doc, 'span', { className: 'arch-stepper' }, less, out, more);
}

function stepButton(doc, key, text, label, disabled, act) {
  const b = el(doc, 'button', { type: 'button', className: 'arch-step' }, text);
  b.dataset.key = key;
  b.setAttribute('aria-label', label);
  // aria-disabled keeps the focus on a button that just reached its limit.
  b.setAttribute('aria-disabled', String(disabled));
  b.addEventListener('click', () => {
    if (b.getAttribute('aria-disabled') !== 'true') act();
  });
  return b;
}
