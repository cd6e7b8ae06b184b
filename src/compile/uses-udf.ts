// Whether a SELECT's chain calls a JavaScript UDF: only such operators run under the UDF host's time
// guard, so queries without UDFs pay nothing for it.
import type { BoundExpr, RelNode } from '../plan/index.ts';

function exprUsesUdf(e: BoundExpr): boolean {
  switch (e.kind) {
    case 'Udf':
      return true;
    case 'Literal':
    case 'AggregateRef':
    case 'AnalyticRef':
    case 'WindowRecord':
    case 'Field':
    case 'InputMetadata':
    case 'Timestamp':
      return false;
    case 'Call':
      return e.args.some(exprUsesUdf);
    case 'MetadataProperty':
      return exprUsesUdf(e.property);
    case 'Cast':
    case 'IsNull':
      return exprUsesUdf(e.expr);
    case 'Case':
      return (e.operand !== undefined && exprUsesUdf(e.operand)) || e.whens.some((w) => exprUsesUdf(w.when) || exprUsesUdf(w.then)) || (e.else !== undefined && exprUsesUdf(e.else));
    case 'Unary':
      return exprUsesUdf(e.operand);
    case 'Binary':
      return exprUsesUdf(e.left) || exprUsesUdf(e.right);
    case 'Like':
      return exprUsesUdf(e.expr) || exprUsesUdf(e.pattern);
    case 'In':
      return exprUsesUdf(e.expr) || e.list.some(exprUsesUdf);
    case 'Between':
      return exprUsesUdf(e.expr) || exprUsesUdf(e.low) || exprUsesUdf(e.high);
    case 'Member':
      return exprUsesUdf(e.object);
  }
}

/** Whether the operators fused from `node` down to its Scan call a UDF (steps read are not included). */
export function chainUsesUdf(node: RelNode): boolean {
  switch (node.kind) {
    case 'Project':
      return node.items.some((i) => i.kind === 'Column' && exprUsesUdf(i.expr)) || chainUsesUdf(node.input);
    case 'Filter':
      return exprUsesUdf(node.predicate) || chainUsesUdf(node.input);
    case 'Apply':
      return exprUsesUdf(node.arg) || chainUsesUdf(node.input);
    case 'Aggregate':
      return node.keys.some(exprUsesUdf) || node.aggregates.some((a) => (a.arg !== undefined && exprUsesUdf(a.arg)) || a.orderBy.some((o) => exprUsesUdf(o.expr))) || chainUsesUdf(node.input);
    case 'Analytic':
      // Analytic calls run in their own operator (compile-analytic.ts) and may not call UDFs (bind-analytic.ts).
      return chainUsesUdf(node.input);
    case 'Union':
      return false;
    case 'Scan':
      return false;
    case 'Join':
      // The JOIN runs in its own operator (compile-join.ts); the chain above it starts there.
      return false;
    case 'MatchRecognize':
      // MATCH_RECOGNIZE runs in its own operator (compile-match-recognize.ts); the chain above it starts there.
      return false;
  }
}
