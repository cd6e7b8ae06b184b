// Rule: a GROUP BY over substreams groups by their keys — "the OVER keys must be in every GROUP BY"
// (TIMESTAMP BY page, limitations of the OVER clause; https://learn.microsoft.com/stream-analytics-query/
// timestamp-by-azure-stream-analytics). Each key has its own timeline, so a group mixing keys would mix clocks.
import { printExpression, type Expression, type Select } from '../../sql/index.ts';
import type { Diagnostics } from '../diagnostics.ts';

export function checkSubstreamGroupBy(select: Select, diag: Diagnostics): void {
  const from = select.from;
  if (from.kind !== 'InputSource' || from.timestampBy === undefined || from.timestampBy.over.length === 0 || select.groupBy.length === 0) return;
  const keys = new Set(select.groupBy.filter((g): g is Expression => g.kind !== 'Window' && g.kind !== 'Windows').map((g) => printExpression(g).toLowerCase()));
  for (const k of from.timestampBy.over) {
    const text = printExpression(k);
    if (!keys.has(text.toLowerCase())) {
      diag.error('SLUICE_PLAN_SUBSTREAM_GROUP_BY', `GROUP BY must include the TIMESTAMP BY … OVER key ${text}`, select.groupBy[0]?.span ?? select.span, `add ${text} to GROUP BY: each key has its own timeline`);
    }
  }
}
