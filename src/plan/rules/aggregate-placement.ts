// Rule: an aggregate runs over a window (GROUP BY) or a duration (OVER); without either it is an error.
// With GROUP BY it belongs in the SELECT list or HAVING ("Aggregate functions … can be used in the
// SELECT list or HAVING clause"), not in WHERE, GROUP BY or inside another aggregate.
// https://learn.microsoft.com/stream-analytics-query/aggregate-functions-azure-stream-analytics
import type { SourceSpan } from '../../common/index.ts';
import type { Diagnostics } from '../diagnostics.ts';

export function reportAggregate(name: string, hasGroupBy: boolean, span: SourceSpan, diag: Diagnostics): void {
  const upper = name.toUpperCase();
  if (hasGroupBy) diag.error('SLUICE_PLAN_AGGREGATE_PLACEMENT', `the aggregate ${upper} can only be used in the SELECT list or HAVING of a GROUP BY`, span, 'aggregates cannot appear in WHERE, GROUP BY or inside another aggregate');
  else diag.error('SLUICE_PLAN_AGGREGATE_WITHOUT_GROUP_BY', `the aggregate ${upper} needs a GROUP BY with a window (or an OVER clause)`, span, 'add GROUP BY TumblingWindow(…) or another window');
}
