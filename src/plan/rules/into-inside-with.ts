// Rule: a WITH step has no INTO — steps feed other queries, only statements write to outputs ("Not
// allowed inside WITH", https://learn.microsoft.com/stream-analytics-query/into-azure-stream-analytics).
import type { QueryExpr } from '../../sql/index.ts';
import type { Diagnostics } from '../diagnostics.ts';
import { selectsOf } from '../query-selects.ts';

export function checkIntoInsideWith(stepName: string, query: QueryExpr, diag: Diagnostics): void {
  for (const s of selectsOf(query)) {
    if (s.into !== undefined) {
      diag.error('SLUICE_PLAN_INTO_IN_WITH', `INTO is not allowed inside the WITH step '${stepName}'`, s.into.span, 'move INTO to a SELECT statement that reads the step');
    }
  }
}
