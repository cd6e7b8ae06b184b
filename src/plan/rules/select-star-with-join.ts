// Rule: `SELECT *` is not allowed in a statement with JOIN — list the columns with their source
// (https://learn.microsoft.com/stream-analytics-query/join-azure-stream-analytics).
import type { Select } from '../../sql/index.ts';
import type { Diagnostics } from '../diagnostics.ts';

export function checkSelectStarWithJoin(select: Select, diag: Diagnostics): void {
  let from = select.from;
  while (from.kind === 'Apply') from = from.left;
  if (from.kind !== 'Join') return;
  for (const item of select.items) {
    if (item.kind === 'SelectStar' && item.qualifier.length === 0) {
      diag.error('SLUICE_PLAN_STAR_WITH_JOIN', 'SELECT * is not allowed with JOIN', item.span, 'list the columns, each with its source alias (a.x, b.y)');
    }
  }
}
