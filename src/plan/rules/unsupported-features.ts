// Rule: the parts of the stateful language not planned yet (JOIN, MATCH_RECOGNIZE, TIMESTAMP BY …
// OVER substreams, reference data, analytic functions, rolling aggregates, UDAs). Until then each gives a clear
// SLUICE_PLAN_UNSUPPORTED error at its span rather than a crash or a wrong result. Aggregates, analytic
// functions and UDAs are reported where they are bound (bind-expression.ts).
import type { FromItem, Select } from '../../sql/index.ts';
import type { Diagnostics } from '../diagnostics.ts';

export function checkUnsupportedSelect(_select: Select, _diag: Diagnostics): void {
  // GROUP BY with windows and aggregates are planned now (bind-group-by.ts); nothing left here.
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
