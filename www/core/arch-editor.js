// The architecture editor, laid out as TensorFlow Playground's: presets, then the layers with
// buttons for one layer or one unit more or less, then a settings table of selects and
// fields. It proposes changes and draws what it is given; the run (and whether the core takes
// the change) is the caller's. Its rows come from the settings table, so a field parses as the
// link and the element's attributes do, and the clashes the core refuses are disabled here.
import { ACTIVATIONS, ARCH_PRESETS, conflicts, LIMITS, LOSSES, NOISE_TYPES, OPTIMIZERS, OUTPUTS, PRESET_LABELS, presetOf } from './architecture.js';
import { setAttr, setProp, setText } from './dom.js';
import { SETTINGS, SettingError } from './urlstate.js';

const SELECTS = [
  ['activation', ACTIVATIONS],
  ['latentActivation', ACTIVATIONS],
  ['output', OUTPUTS],
  ['loss', LOSSES],
  ['optimizer', OPTIMIZERS],
];
const NUMBERS = ['l1', 'momentum'];
const WHY_BCE = 'Binary cross-entropy compares probabilities, so it needs a sigmoid output; pick MSE to use a linear one.';
const WHY_MOMENTUM = 'Momentum is plain SGD\'s: Adam and RMSprop have their own running averages.';
const WHY_VAE = 'A variational model has the Keras example\'s heads and loss: linear z_mean and z_log_var, a sigmoid output, cross-entropy summed over the pixels.';
// What the variational switch sets with it: the only heads and loss the core takes for it.
const VAE_FIXED = Object.freeze({ latentActivation: 'linear', output: 'sigmoid', loss: 'binary_crossentropy' });

/**
 * Builds the editor inside `container` with the preset buttons of `presets` and the settings
 * rows `rows` beyond the '4' page's (vae-settings.js's VAE_PRESETS and VAE_SETTINGS add the
 * variational switch and beta). `onChange(patch)` gets the fields to
 * change (one call, one new run). Returns `{ render(config, nParams), error(message) }`.
 */
export function createArchEditor(container, { onChange, presets: presetTable = ARCH_PRESETS, rows = [] }) {
  const variational = 'variational' in presetTable;
  const all = [...SETTINGS, ...rows];
  const setting = (by, name) => all.find((s) => s[by] === name);
  const doc = container.ownerDocument;
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(doc.createElement(tag), props);
    node.append(...children);
    return node;
  };
  let config = null;
  const id = (name) => `arch-${name}`;

  const presets = el('div', { className: 'arch-presets' });
  presets.setAttribute('role', 'group');
  presets.setAttribute('aria-label', 'Network presets');
  const presetButtons = Object.keys(presetTable).map((name) => {
    const b = el('button', { type: 'button', className: 'arch-preset' }, PRESET_LABELS[name]);
    b.dataset.preset = name;
    b.addEventListener('click', () => onChange({ ...presetTable[name] }));
    presets.append(b);
    return b;
  });

  const layers = el('div', { className: 'arch-layers' });
  const table = el('div', { className: 'arch-table' });
  const selects = Object.fromEntries(SELECTS.map(([field, values]) => {
    const select = el('select', { id: id(field) }, ...values.map((v) => el('option', { value: v }, v)));
    select.addEventListener('change', () => onChange({ [field]: select.value }));
    table.append(el('label', { htmlFor: select.id }, setting('field', field).label), select);
    return [field, select];
  }));
  const errors = el('p', { className: 'field-error', id: id('error'), hidden: true });
  errors.setAttribute('role', 'alert');
  const numberFields = variational ? [...NUMBERS, 'beta'] : NUMBERS;
  const numbers = Object.fromEntries(numberFields.map((field) => [field, numberField(field, (text) => setting('field', field).parse(text))]));
  const vae = variational ? el('input', { type: 'checkbox', id: id('variational') }) : null;
  if (vae) {
    vae.addEventListener('change', () => onChange(vae.checked ? { variational: true, ...VAE_FIXED } : { variational: false }));
    table.append(el('label', { htmlFor: vae.id }, 'Variational (VAE)'), vae);
  }
  const noiseType = el('select', { id: id('noise') }, ...NOISE_TYPES.map((v) => el('option', { value: v }, v)));
  table.append(el('label', { htmlFor: noiseType.id }, 'Noise'), noiseType);
  const noiseAmount = numberField('noise amount', (text) => setting('field', 'noise').parse(`${noiseType.value}:${text}`), 'noise');
  noiseType.addEventListener('change', () => {
    const amount = config.noise?.amount ?? (noiseType.value === 'mask' ? 0.2 : 0.3);
    onChange({ noise: noiseType.value === 'none' ? null : { type: noiseType.value, amount } });
  });
  const why = el('p', { className: 'explain arch-why', id: id('why') });
  const params = el('p', { className: 'arch-params', id: id('params') });
  container.append(presets, layers, table, why, params, errors);

  // A text field that commits on change (Enter or leaving it): its own parse, its own message.
  function numberField(name, parse, field = name) {
    const input = el('input', { type: 'text', id: id(name.replace(' ', '-')), inputMode: 'decimal', autocomplete: 'off', spellcheck: false });
    input.setAttribute('aria-describedby', errors.id);
    input.addEventListener('change', () => {
      try {
        const value = parse(input.value);
        showError(null);
        onChange({ [field]: value });
      } catch (err) {
        if (!(err instanceof SettingError)) throw err;
        showError(`${err.setting[0].toUpperCase()}${err.setting.slice(1)} ${err.rule}. The current run carries on.`, input);
      }
    });
    table.append(el('label', { htmlFor: input.id }, name === 'noise amount' ? 'Noise amount' : setting('field', field).label), input);
    return input;
  }

  function showError(message, input = null) {
    setProp(errors, 'hidden', !message);
    setText(errors, message ?? '');
    for (const f of [...Object.values(numbers), noiseAmount]) setAttr(f, 'aria-invalid', f === input ? 'true' : null);
  }

  // One row per side and the latent: each width with buttons for a unit less or more.
  function renderLayers() {
    const focused = doc.activeElement?.dataset?.key ?? container.getRootNode().activeElement?.dataset?.key;
    const rows = [side('encoder', 'Encoder'), latentRow(), side('decoder', 'Decoder')];
    layers.replaceChildren(...rows);
    if (focused) layers.querySelector(`[data-key="${focused}"]`)?.focus();
  }

  function stepper(key, label, value, lo, hi, set) {
    const less = button(`${key}-less`, '\u2212', `Fewer units: ${label}`, value <= lo, () => set(value - 1));
    const more = button(`${key}-more`, '+', `More units: ${label}`, value >= hi, () => set(value + 1));
    const out = el('output', { className: 'arch-width' }, String(value));
    out.dataset.key = `${key}-value`;
    return el('span', { className: 'arch-stepper' }, less, out, more);
  }

  function button(key, text, label, disabled, act) {
    const b = el('button', { type: 'button', className: 'arch-step' }, text);
    b.dataset.key = key;
    b.setAttribute('aria-label', label);
    // aria-disabled keeps the focus on a button that just reached its limit.
    b.setAttribute('aria-disabled', String(disabled));
    b.addEventListener('click', () => {
      if (b.getAttribute('aria-disabled') !== 'true') act();
    });
    return b;
  }

  function side(field, title) {
    const widths = config[field];
    const set = (next) => onChange({ [field]: Object.freeze(next) });
    const units = widths.map((w, i) => stepper(`${field}-${i}`, `${title.toLowerCase()} layer ${i + 1}`, w, 1, LIMITS.width,
      (v) => set(widths.map((x, j) => (j === i ? v : x)))));
    const lastWidth = widths.at(field === 'encoder' ? -1 : 0) ?? 16;
    const grow = field === 'encoder' ? [...widths, lastWidth] : [lastWidth, ...widths];
    const shrink = field === 'encoder' ? widths.slice(0, -1) : widths.slice(1);
    const add = button(`${field}-add`, '+ layer', `Add a hidden layer to the ${title.toLowerCase()}`, widths.length >= LIMITS.layers, () => set(grow));
    const remove = button(`${field}-remove`, '\u2212 layer', `Remove a hidden layer from the ${title.toLowerCase()}`, widths.length === 0, () => set(shrink));
    const none = widths.length ? [] : [el('span', { className: 'explain' }, 'no hidden layer')];
    const row = el('div', { className: 'arch-row' }, el('span', { className: 'arch-side' }, title), ...units, ...none, remove, add);
    row.dataset.side = field;
    return row;
  }

  function latentRow() {
    const row = el('div', { className: 'arch-row' }, el('span', { className: 'arch-side' }, 'Latent'),
      stepper('latent', 'latent code', config.latent, 1, LIMITS.latent, (v) => onChange({ latent: v })));
    row.dataset.side = 'latent';
    return row;
  }

  function renderTable() {
    for (const [field, select] of Object.entries(selects)) setProp(select, 'value', config[field]);
    // The two clashes the core refuses are not offered: each option says why it is off.
    const bce = selects.loss.querySelector('option[value="binary_crossentropy"]');
    const linear = selects.output.querySelector('option[value="linear"]');
    setProp(bce, 'disabled', config.output !== 'sigmoid');
    setProp(linear, 'disabled', config.loss === 'binary_crossentropy');
    setProp(numbers.momentum, 'disabled', config.optimizer !== 'sgd');
    if (vae) {
      setProp(vae, 'checked', Boolean(config.variational));
      setProp(numbers.beta, 'disabled', !config.variational);
      for (const field of Object.keys(VAE_FIXED)) setProp(selects[field], 'disabled', Boolean(config.variational));
    }
    for (const field of numberFields) if (doc.activeElement !== numbers[field]) setProp(numbers[field], 'value', String(config[field]));
    setProp(noiseType, 'value', config.noise?.type ?? 'none');
    setProp(noiseAmount, 'disabled', !config.noise);
    if (doc.activeElement !== noiseAmount) setProp(noiseAmount, 'value', config.noise ? String(config.noise.amount) : '');
    const notes = [];
    if (config.loss === 'binary_crossentropy') notes.push(`Linear output is off: ${WHY_BCE}`);
    else if (config.output !== 'sigmoid') notes.push(`Cross-entropy is off: ${WHY_BCE}`);
    if (config.optimizer !== 'sgd') notes.push(`Momentum is off: ${WHY_MOMENTUM}`);
    if (config.variational) notes.push(`The latent activation, output and loss are fixed: ${WHY_VAE}`);
    setText(why, notes.join(' '));
  }

  return {
    /** Shows `config` (the run's settings) and the core's parameter count for it. */
    render(next, nParams) {
      if (conflicts(next).length) throw new Error(`arch-editor: a clash reached the editor: ${conflicts(next)[0].reason}`);
      const layout = config && ['encoder', 'decoder', 'latent'].every((f) => String(config[f]) === String(next[f]));
      config = next;
      if (!layout) renderLayers();
      renderTable();
      const preset = presetOf(config, presetTable);
      for (const b of presetButtons) setAttr(b, 'aria-pressed', String(b.dataset.preset === preset));
      setText(params, nParams ? `${nParams.toLocaleString('en-US')} weights and biases${preset ? ` (the ${PRESET_LABELS[preset]} preset)` : ''}` : '');
      if (nParams) params.dataset.value = String(nParams);
    },
    /** The core refused the change (`message`), or null to clear: the run in use carries on. */
    error(message) {
      showError(message);
    },
  };
}
