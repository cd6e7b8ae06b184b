// Rule: the SELECTs of a UNION have the same number of columns, and at most one INTO
// ("the number and the order of the columns must be the same in all queries",
// https://learn.microsoft.com/stream-analytics-query/union-azure-stream-analytics).
import type { Select } from '../../sql/index.ts';
import type { Diagnostics } from '../diagnostics.ts';

/** `columns[i]` is the column count of SELECT i, or undefined when it has a `*`. */
export function checkUnionShape(selects: readonly Select[], columns: readonly (number | undefined)[], diag: Diagnostics): void {
  if (selects.length < 2) return;
  const first = columns[0];
  selects.forEach((s, i) => {
    const n = columns[i];
    if (i > 0 && first !== undefined && n !== undefined && n !== first) {
      diag.error('SLUICE_PLAN_UNION_COLUMNS', `the SELECTs of this UNION have ${first} and ${n} columns`, s.span, 'give every SELECT of a UNION the same columns in the same order');
    }
  });
  const intos = selects.filter((s) => s.into !== undefined);
  for (const s of intos.slice(1)) {
    if (s.into !== undefined && s.into.name.toLowerCase() !== intos[0]?.into?.name.toLowerCase()) {
      diag.error('SLUICE_PLAN_UNION_INTO', 'the SELECTs of one UNION write to different outputs', s.into.span, 'a UNION has one INTO');
    }
  }
}
