// Rule: CASE has an ELSE — "Both formats require an ELSE argument"
// (https://learn.microsoft.com/stream-analytics-query/case-azure-stream-analytics).
import { visit, type AstNode } from '../../sql/index.ts';
import type { Diagnostics } from '../diagnostics.ts';

export function checkCaseRequiresElse(node: AstNode, diag: Diagnostics): void {
  visit(node, {
    Case(c) {
      if (c.else === undefined) diag.error('SLUICE_PLAN_CASE_ELSE', 'CASE needs an ELSE branch in Stream Analytics', c.span, 'add ELSE NULL to keep T-SQL\'s meaning');
    },
  });
}
