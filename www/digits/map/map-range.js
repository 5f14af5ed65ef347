// The range a map draws: the points' extent with a margin, and the easing that moves the drawn
// range towards it a frame at a time, so a map that grows or shrinks glides instead of jumping.

// Share of the way to the new range covered per 60th of a second.
const EASE = 0.25;

/**
 * Moves `range` ([x0, x1, y0, y1], in place) towards `goal` by `frames` 60ths of a second's
 * worth; true once it is there (within 0.2% of the span, then snapped).
 */
export function easeRange(range, goal, frames) {
  const share = 1 - (1 - EASE) ** frames;
  let done = true;
  for (let k = 0; k < 4; k++) {
    const span = Math.max(1e-9, k < 2 ? goal[1] - goal[0] : goal[3] - goal[2]);
    const delta = goal[k] - range[k];
    if (Math.abs(delta) > span * 0.002) {
      range[k] += delta * share;
      done = false;
    } else {
      range[k] = goal[k];
    }
  }
  return done;
}

/** [x0, x1, y0, y1]: the points' extent with a margin, never empty. */
export function paddedRange(positions) {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < positions.length; i += 2) {
    const x = positions[i];
    const y = positions[i + 1];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const pad = (lo, hi) => {
    const span = hi - lo > 1e-6 ? hi - lo : 1;
    return [lo - span * 0.04, hi + span * 0.04];
  };
  return [...pad(x0, x1), ...pad(y0, y1)];
}
