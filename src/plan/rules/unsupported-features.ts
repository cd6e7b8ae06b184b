// Rule: the stateful half of the language (windows and GROUP BY, JOIN, MATCH_RECOGNIZE, TIMESTAMP BY …
// OVER substreams, reference data) is planned in part 2. Until then each gives a clear
// SLUICE_PLAN_UNSUPPORTED error at its span rather than a crash or a wrong result. Aggregates, analytic
// functions and UDAs are reported where they are bound (bind-expression.ts).
import type { FromItem, Select } from '../../sql/index.ts';
import type { Diagnostics } from '../diagnostics.ts';

export function checkUnsupportedSelect(select: Select, diag: Diagnostics): void {
  const first = select.groupBy[0];
  if (first !== undefined) {
    const window = select.groupBy.find((g) => g.kind === 'Window' || g.kind === 'Windows');
    diag.unsupported(window !== undefined ? 'GROUP BY with a time window' : 'GROUP BY', window?.span ?? first.span);
  }
}

export function checkUnsupportedSource(from: FromItem, diag: Diagnostics): void {
  if (from.kind === 'Join') {
    diag.unsupported(from.joinType === 'left' ? 'LEFT OUTER JOIN' : 'JOIN', from.span);
    return;
  }
  if (from.kind === 'Apply') return;
  if (from.timestampBy !== undefined && from.timestampBy.over.length > 0) diag.unsupported('TIMESTAMP BY … OVER (substreams)', from.timestampBy.span);
  if (from.matchRecognize !== undefined) diag.unsupported('MATCH_RECOGNIZE', from.matchRecognize.span);
}
