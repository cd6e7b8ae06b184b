// An exact running sum of doubles: Shewchuk's non-overlapping partials, as in Python's math.fsum. Adding and
// subtracting are exact, so a hopping window can take a pane's float sum back out of its running total and
// still report exactly what summing the remaining panes from scratch reports — the correctly rounded sum,
// whatever order the panes came and went in. (A plain running double would drift with every subtraction.)
// J. R. Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust Geometric Predicates", 1997.

/**
 * Adds x to the partials in place. Returns false when the sum cannot stay exact (x or an intermediate is
 * not finite); the partials are then meaningless and the caller must rebuild its sum another way.
 */
export function addExact(partials: number[], x: number): boolean {
  if (!Number.isFinite(x)) return false;
  let i = 0;
  const n = partials.length;
  for (let j = 0; j < n; j++) {
    let y = partials[j] as number;
    if (Math.abs(x) < Math.abs(y)) {
      const t = x;
      x = y;
      y = t;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  // The new top goes in place; the length changes only when the count of partials does (setting an
  // array's length is a runtime call, and a hopping window's running AVG does this twice per group and hop).
  if (i < n) {
    partials[i] = x;
    if (i + 1 < n) partials.length = i + 1;
  } else partials.push(x);
  return Number.isFinite(x);
}

/** The partials' exact sum rounded once to the nearest double (ties to even), as math.fsum does. */
export function roundedSum(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n] as number;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n] as number;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Half-way case: the rest of the partials decide which way hi + lo rounds.
  if (n > 0 && ((lo < 0 && (partials[n - 1] as number) < 0) || (lo > 0 && (partials[n - 1] as number) > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
