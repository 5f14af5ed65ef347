// The architecture editor's settings table: a select each for the activations, output, loss and
// optimizer, a text field each for L1, momentum (and beta), the variational switch, the noise,
// and the line naming a typed value it refused. Its rows come from the settings table, so a
// field parses as the link and the element's attributes do, and the clashes the core refuses
// are disabled here, each with its reason. The presets and layers are arch-editor.js's.
import {
  ACTIVATIONS,
  LIMITS,
  LOSSES,
  NOISE_TYPES,
  OPTIMIZERS,
  OUTPUTS,
  parseNumber,
} from './architecture.js';
import { el, setAttr, setProp, setText, showText } from './dom.js';
import { SETTINGS, SettingError } from './urlstate.js';

const SELECTS = [
  ['activation', ACTIVATIONS],
  ['latentActivation', ACTIVATIONS],
  ['output', OUTPUTS],
  ['loss', LOSSES],
  ['optimizer', OPTIMIZERS],
];
const NUMBERS = ['l1', 'momentum'];
const WHY_BCE =
  'Binary cross-entropy compares probabilities, so it needs a sigmoid output; pick MSE to use a linear one.';
const WHY_MOMENTUM = "it is plain SGD's; Adam and RMSprop have their own running averages.";
const WHY_VAE =
  "A variational model has the Keras example's heads and loss: linear z_mean and z_log_var, a sigmoid output, cross-entropy summed over the pixels.";
// What the variational switch sets with it: the only heads and loss the core takes for it.
const VAE_FIXED = Object.freeze({
  latentActivation: 'linear',
  output: 'sigmoid',
  loss: 'binary_crossentropy',
});

const id = (name) => `arch-${name}`;

/**
 * The table of `doc`: `element` (the fields), `why` (what is off and why) and `errors` (the
 * refused value), for the caller to place. `rows`: settings beyond the '4' page's (the
 * variational switch and beta when `variational`); `onChange(patch)` as the editor's.
 */
export class ArchTable {
  #doc;
  #onChange;
  #rows;
  #config = null;
  #selects;
  #numbers;
  #vae = null;
  #noiseType;
  #noiseAmount;

  constructor(doc, { rows, variational, onChange }) {
    this.#doc = doc;
    this.#onChange = onChange;
    this.#rows = [...SETTINGS, ...rows];
    this.element = el(doc, 'div', { className: 'arch-table' });
    this.errors = el(doc, 'p', {
      className: 'field-error',
      id: id('error'),
      hidden: true,
      role: 'alert',
    });
    this.why = el(doc, 'p', { className: 'explain arch-why', id: id('why') });
    this.#selects = Object.fromEntries(
      SELECTS.map(([field, values]) => [field, this.#select(field, values)]),
    );
    const numberFields = variational ? [...NUMBERS, 'beta'] : NUMBERS;
    this.#numbers = Object.fromEntries(
      numberFields.map((field) => [
        field,
        this.#numberField(field, (text) => this.#setting(field).parse(text)),
      ]),
    );
    if (variational) this.#vae = this.#variationalSwitch();
    this.#noiseFields();
  }

  /** Shows `config` (the run's settings): values, the clashes disabled, and why. */
  render(config) {
    this.#config = config;
    const selects = this.#selects;
    for (const [field, select] of Object.entries(selects)) setProp(select, 'value', config[field]);
    // The two clashes the core refuses are not offered: each option says why it is off.
    const bce = selects.loss.querySelector('option[value="binary_crossentropy"]');
    const linear = selects.output.querySelector('option[value="linear"]');
    setProp(bce, 'disabled', config.output !== 'sigmoid');
    setProp(linear, 'disabled', config.loss === 'binary_crossentropy');
    setProp(this.#numbers.momentum, 'disabled', config.optimizer !== 'sgd');
    if (this.#vae) {
      setProp(this.#vae, 'checked', Boolean(config.variational));
      setProp(this.#numbers.beta, 'disabled', !config.variational);
      for (const field of Object.keys(VAE_FIXED))
        setProp(selects[field], 'disabled', Boolean(config.variational));
    }
    const active = this.#doc.activeElement;
    for (const [field, input] of Object.entries(this.#numbers))
      if (active !== input) setProp(input, 'value', String(config[field]));
    setProp(this.#noiseType, 'value', config.noise?.type ?? 'none');
    setProp(this.#noiseAmount, 'disabled', !config.noise);
    if (active !== this.#noiseAmount)
      setProp(this.#noiseAmount, 'value', config.noise ? String(config.noise.amount) : '');
    setText(this.why, whyOff(config));
  }

  /** Shows `message` (null clears it), marking `input` (if any) as the invalid field. */
  showError(message, input = null) {
    showText(this.errors, message);
    for (const f of [...Object.values(this.#numbers), this.#noiseAmount])
      setAttr(f, 'aria-invalid', f === input ? 'true' : null);
  }

  #setting(field) {
    return this.#rows.find((s) => s.field === field);
  }

  #row(label, control) {
    this.element.append(el(this.#doc, 'label', { htmlFor: control.id }, label), control);
    return control;
  }

  #select(field, values) {
    const doc = this.#doc;
    const select = el(
      doc,
      'select',
      { id: id(field) },
      ...values.map((v) => el(doc, 'option', { value: v }, v)),
    );
    select.addEventListener('change', () => this.#onChange({ [field]: select.value }));
    return this.#row(this.#setting(field).label, select);
  }

  // A text field that commits on change (Enter or leaving it): its own parse, its own message.
  #numberField(name, parse, field = name) {
    const input = el(this.#doc, 'input', {
      type: 'text',
      id: id(name.replace(' ', '-')),
      inputMode: 'decimal',
      autocomplete: 'off',
      spellcheck: false,
    });
    input.setAttribute('aria-describedby', this.errors.id);
    input.addEventListener('change', () => {
      try {
        const value = parse(input.value);
        this.showError(null);
        this.#onChange({ [field]: value });
      } catch (err) {
        if (!(err instanceof SettingError)) throw err;
        this.showError(
          `${err.setting[0].toUpperCase()}${err.setting.slice(1)} ${err.rule}. The current run carries on.`,
          input,
        );
      }
    });
    return this.#row(name === 'noise amount' ? 'Noise amount' : this.#setting(field).label, input);
  }

  #variationalSwitch() {
    const vae = el(this.#doc, 'input', { type: 'checkbox', id: id('variational') });
    vae.addEventListener('change', () =>
      this.#onChange(vae.checked ? { variational: true, ...VAE_FIXED } : { variational: false }),
    );
    return this.#row('Variational (VAE)', vae);
  }

  // The noise is one setting in two fields: its type, and the amount (kept across a type change).
  #noiseFields() {
    const doc = this.#doc;
    const type = el(
      doc,
      'select',
      { id: id('noise') },
      ...NOISE_TYPES.map((v) => el(doc, 'option', { value: v }, v)),
    );
    this.#noiseType = this.#row('Noise', type);
    // The amount on its own terms: an empty field is got "", not the link's got "mask:".
    const amount = (text) => {
      const top = LIMITS[type.value];
      return {
        type: type.value,
        amount: parseNumber(
          'noise amount',
          `a number from 0 to ${top}`,
          (n) => n >= 0 && n <= top,
        )(text),
      };
    };
    this.#noiseAmount = this.#numberField('noise amount', amount, 'noise');
    type.addEventListener('change', () => {
      const amount = this.#config.noise?.amount ?? (type.value === 'mask' ? 0.2 : 0.3);
      this.#onChange({ noise: type.value === 'none' ? null : { type: type.value, amount } });
    });
  }
}

// Each option the current settings turn off, and why.
function whyOff(config) {
  const notes = [];
  if (config.loss === 'binary_crossentropy') notes.push(`Linear output is off: ${WHY_BCE}`);
  else if (config.output !== 'sigmoid') notes.push(`Cross-entropy is off: ${WHY_BCE}`);
  if (config.optimizer !== 'sgd') notes.push(`Momentum is off: ${WHY_MOMENTUM}`);
  if (config.variational)
    notes.push(`The latent activation, output and loss are fixed: ${WHY_VAE}`);
  return notes.join(' ');
}
