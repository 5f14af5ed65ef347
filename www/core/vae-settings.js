// The variational mode's settings, the digits page's alone (one '4' gives a prior nothing to
// fit): the switch and beta as rows of the settings table, and the presets with the Keras VAE
// example's model among them. A file of its own so the '4' page and the element never load it.
import { ARCH_DEFAULTS, ARCH_PRESETS, parseNumber } from './architecture.js';
import { row, SettingError } from './settings.js';

/**
 * The variational mode's rows (the digits page's: one '4' gives a prior nothing to fit): the
 * switch and beta, the KL term's weight. Apart from ARCH_SETTINGS so the '4' page, the element
 * and the compact build never see them.
 */
export const VAE_DEFAULTS = Object.freeze({ variational: false, beta: 1 });
const parseBeta = parseNumber(
  'beta',
  'a number from 0 to 100 such as 1',
  (n) => n >= 0 && n <= 100,
);
export const VAE_SETTINGS = Object.freeze([
  row('variational', 'vae', 'Variational', oneOfBool('variational'), {
    format: (on) => (on ? '1' : '0'),
  }),
  row('beta', 'beta', 'Beta (KL weight)', parseBeta),
]);

/**
 * The presets with the variational mode: each of ARCH_PRESETS (not variational), and
 * "variational", the Keras VAE example's model scaled to 8x8 digits: a 2-number code, linear
 * z_mean and z_log_var heads, cross-entropy summed over the pixels.
 */
export const VAE_PRESETS = Object.freeze({
  ...Object.fromEntries(
    Object.entries(ARCH_PRESETS).map(([name, p]) => [name, { ...p, ...VAE_DEFAULTS }]),
  ),
  variational: {
    ...ARCH_DEFAULTS,
    encoder: [64, 32],
    decoder: [32, 64],
    latent: 2,
    latentActivation: 'linear',
    loss: 'binary_crossentropy',
    learningRate: 0.001,
    variational: true,
    beta: 1,
  },
});

function oneOfBool(setting) {
  return (text) => {
    const s = String(text).trim().toLowerCase();
    if (['1', 'true', 'on', 'yes'].includes(s)) return true;
    if (['0', 'false', 'off', 'no'].includes(s)) return false;
    throw new SettingError(setting, '1 (on) or 0 (off)', String(text).trim());
  };
}
