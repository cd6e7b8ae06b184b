// The "partitioning" part of `sluice explain`: how a job divides its work and state. sluice reads every
// partition of an input in one process and merges them in event-time order (the watermark is the minimum
// over the partitions), so what partitions the work is the state each stateful operator keys: GROUP BY
// keys and window, JOIN hash keys and time bound, PARTITION BY of analytic functions and MATCH_RECOGNIZE,
// and TIMESTAMP BY … OVER substreams (one timeline per key).
import type { BoundExpr } from './bound-expr.ts';
import { joinText } from './join-text.ts';
import type { LogicalPlan, RelNode } from './logical-plan.ts';

/** One line per input and per stateful operator of each statement; inputs named with `describeInput`. */
export function explainPartitioning(plan: LogicalPlan, describeInput: (alias: string) => string): string {
  const lines = ['partitioning:'];
  for (const input of plan.inputs) {
    lines.push(`  input ${input}: ${describeInput(input)}`);
  }
  const sections: Array<{ title: string; query: RelNode }> = [
    ...plan.steps.map((s) => ({ title: `step ${s.name}`, query: s.query })),
    ...plan.statements.map((s) => ({ title: `output ${s.output}`, query: s.query })),
  ];
  for (const { title, query } of sections) {
    const found: string[] = [];
    stateLines(query, found);
    lines.push(`  ${title}: ${found.length === 0 ? 'stateless (each event on its own)' : ''}`.trimEnd());
    for (const l of found) lines.push(`    ${l}`);
  }
  return lines.join('\n');
}

function stateLines(node: RelNode, out: string[]): void {
  switch (node.kind) {
    case 'Aggregate': {
      const windows = node.windows.map((w) => w.spec.text).join(', ');
      const keys = node.keyTexts.length > 0 ? `keyed by ${node.keyTexts.join(', ')}` : 'one group (no GROUP BY keys)';
      out.push(`Aggregate: state ${keys}${windows ? `, per window of ${windows}` : ''}`);
      stateLines(node.input, out);
      return;
    }
    case 'Join':
      out.push(node.reference
        ? `Join with reference data: the reference rows held whole${node.leftKeys.length > 0 ? `, hashed by ${node.leftKeys.map(keyText).join(', ')}` : ''}; events stateless`
        : `Join: both sides buffered${node.leftKeys.length > 0 ? `, hashed by ${node.leftKeys.map(keyText).join(', ')} = ${node.rightKeys.map(keyText).join(', ')}` : ' in one bucket (no equality in ON)'}, each event kept while a partner can come (${/bound (.*)$/.exec(joinText(node))?.[1] ?? 'DATEDIFF bound'})`);
      stateLines(node.left, out);
      stateLines(node.right, out);
      return;
    case 'Analytic':
      for (const c of node.calls) {
        out.push(`Analytic ${c.text}: history ${c.partitionBy.length > 0 ? `per ${c.partitionBy.map(keyText).join(', ')}` : 'for the whole stream'}, ${c.durationMs} ms`);
      }
      stateLines(node.input, out);
      return;
    case 'MatchRecognize':
      out.push(`MatchRecognize ${node.alias}: partial matches ${node.partitionNames.length > 0 ? `per ${node.partitionNames.join(', ')}` : 'for the whole stream'}, ${node.limitMs} ms`);
      stateLines(node.input, out);
      return;
    case 'Scan':
      if (node.substreamKeys !== undefined && node.substreamKeys.length > 0) {
        out.push(`Scan ${node.alias}: substreams (TIMESTAMP BY … OVER ${node.substreamKeys.map(keyText).join(', ')}): one timeline and watermark per key`);
      }
      return;
    case 'Union':
      for (const i of node.inputs) stateLines(i, out);
      return;
    default:
      stateLines(node.input, out);
  }
}

/** A key as the query wrote it, for the common case of a column; other expressions by their kind. */
function keyText(e: BoundExpr): string {
  switch (e.kind) {
    case 'Field':
      return e.path.join('.');
    case 'InputMetadata':
      return String(e.column);
    default:
      return `(${e.kind.toLowerCase()} expression)`;
  }
}
