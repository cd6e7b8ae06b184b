// The numbers aggregates add up: bigint and float values (bit counts as 0/1); other values are
// ignored like NULL (SUM/AVG/STDEV… "work on bigint and float").
import type { AsaValue } from '../../types/index.ts';

export function numberOf(v: AsaValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}
