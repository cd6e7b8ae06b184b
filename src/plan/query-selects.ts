// The SELECTs of a query expression, left to right (UNION is left-deep).
import type { QueryExpr, Select } from '../sql/index.ts';

export function selectsOf(query: QueryExpr): Select[] {
  const out: Select[] = [];
  let q: QueryExpr = query;
  while (q.kind === 'Union') {
    out.push(q.right);
    q = q.left;
  }
  out.push(q);
  return out.reverse();
}
