// Which latent units are dead: stuck at 0, so no gradient reaches them. Early on a unit may
// switch off and back on while the weights settle, so one is called dead only after `after`
// epochs at 0 in a row, or at the run's end.

/** The dead-unit watch of one run; a new run takes a new one. */
export class DeadUnits {
  constructor(after) {
    this.after = after;
    this.since = []; // per unit: the epoch since which it has been 0, or null
    /** Per unit: whether it is dead. */
    this.dead = [];
  }

  /**
   * `zero[i]`: unit i is 0 now; a unit newly at 0 counts from epoch `since`; `frame` is the
   * frame's { epoch, target }. Returns `dead`.
   */
  update(zero, since, { epoch, target }) {
    const over = epoch >= target && epoch > 0;
    this.dead = Array.from(zero, (isZero, i) => {
      if (!isZero) this.since[i] = null;
      else this.since[i] ??= since;
      const from = this.since[i];
      return from !== null && (epoch - from >= this.after || over);
    });
    return this.dead;
  }
}
