// The one line that compares the autoencoder with PCA on the held-out images, and the number
// formats the page shares. Words only: no DOM, no wasm.

/** An MSE as the page prints it: four significant digits, e.g. '0.03864'. */
export function formatMse(mse) {
  return Number.isFinite(mse) ? mse.toPrecision(4) : '–';
}

/** Samples per second, e.g. '1.31 M', '86.2 k'. */
export function formatRate(rate) {
  if (!(rate > 0)) return '–';
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(2)} M`;
  if (rate >= 1e3) return `${(rate / 1e3).toFixed(1)} k`;
  return rate.toFixed(0);
}

/**
 * Which method reconstructs the test images better now: `{ winner: 'ae' | 'pca' | 'tie' | null,
 * text }`, from the two test MSEs (the autoencoder's is NaN before it has trained). One short
 * sentence: it is rewritten every frame, in a box of fixed height.
 */
export function verdict({ aeMse, pcaMse, epoch, k = 4 }) {
  if (!Number.isFinite(pcaMse)) return { winner: null, text: 'Fitting PCA…' };
  if (!Number.isFinite(aeMse) || epoch === 0) {
    return { winner: null, text: `Not trained yet: PCA-${k}'s test error is the one to beat.` };
  }
  // As a share of the loser's error (never 0 unless both are): "x% lower" is then at most 100%.
  const worse = Math.max(aeMse, pcaMse);
  const gap = worse === 0 ? 0 : (aeMse - pcaMse) / worse;
  const pct = `${Math.abs(gap * 100).toFixed(Math.abs(gap) < 0.01 ? 1 : 0)}%`;
  if (Math.abs(gap) < 0.0005) return { winner: 'tie', text: 'The two are level on the test images right now.' };
  if (gap < 0) return { winner: 'ae', text: `The autoencoder is better right now: ${pct} lower test error than PCA-${k}.` };
  return { winner: 'pca', text: `PCA-${k} is better right now: ${pct} lower test error than the autoencoder.` };
}
