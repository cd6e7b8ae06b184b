// Rule: the parts of the stateful language not planned yet (reference data, analytic functions, rolling
// aggregates, UDAs; JOIN, MATCH_RECOGNIZE and TIMESTAMP BY … OVER are planned now). Until then each gives a clear
// SLUICE_PLAN_UNSUPPORTED error at its span rather than a crash or a wrong result. Aggregates, analytic
// functions and UDAs are reported where they are bound (bind-expression.ts).
import type { FromItem, Select } from '../../sql/index.ts';
import type { Diagnostics } from '../diagnostics.ts';

export function checkUnsupportedSelect(_select: Select, _diag: Diagnostics): void {
  // GROUP BY with windows and aggregates are planned now (bind-group-by.ts); nothing left here.
}

export function checkUnsupportedSource(from: FromItem, _diag: Diagnostics): void {
  // MATCH_RECOGNIZE (bind-match-recognize.ts) and TIMESTAMP BY … OVER (substreams) are planned too.
  // JOINs are planned by bind-join.ts.
  if (from.kind === 'Join') return;
  if (from.kind === 'Apply') return;
}
