// Rule: TIMESTAMP BY reads the input's payload only — it "cannot use System.Timestamp()"
// (https://learn.microsoft.com/stream-analytics-query/timestamp-by-azure-stream-analytics, Limitations).
import { visit, type TimestampBy } from '../../sql/index.ts';
import type { Diagnostics } from '../diagnostics.ts';

export function checkTimestampByLimits(ts: TimestampBy, diag: Diagnostics): void {
  visit(ts.expr, {
    FunctionCall(call) {
      const n = call.name.map((p) => p.name.toLowerCase());
      if (n.length === 2 && n[0] === 'system' && n[1] === 'timestamp') {
        diag.error('SLUICE_PLAN_TIMESTAMP_BY_SYSTEM', 'TIMESTAMP BY cannot use System.Timestamp()', call.span, 'use a field of the event payload');
      }
    },
    ColumnRef(ref) {
      const n = ref.path.map((p) => p.name.toLowerCase());
      if (n.length === 2 && n[0] === 'system' && n[1] === 'timestamp') {
        diag.error('SLUICE_PLAN_TIMESTAMP_BY_SYSTEM', 'TIMESTAMP BY cannot use System.Timestamp', ref.span, 'use a field of the event payload');
      }
    },
  });
}
