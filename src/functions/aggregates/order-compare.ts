// Ordering for TopOne, CollectTop and PERCENTILE_*: ORDER BY items in turn, ASC by default, NULL
// ranking lowest (CollectTop page: "null values are ranked lowest").
import { compareNonNull, type AsaValue } from '../../types/index.ts';

/** < 0 when `a` ranks first. */
export function compareOrder(a: readonly AsaValue[], b: readonly AsaValue[], descending: readonly boolean[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    let c: number;
    if (x === null || y === null) c = x === y ? 0 : x === null ? -1 : 1;
    else c = compareNonNull(x, y) ?? 0;
    if (c !== 0) return descending[i] === true ? -c : c;
  }
  return 0;
}
