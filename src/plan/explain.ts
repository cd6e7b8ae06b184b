// Prints a plan readably: steps (with how many readers), then each output statement as an operator
// tree, leaf last. Used by `sluice explain` and as plan snapshots in tests.
import type { BoundExpr } from './bound-expr.ts';
import type { LogicalPlan, ProjectItem, RelNode } from './logical-plan.ts';
import { joinText } from './join-text.ts';

export function explain(plan: LogicalPlan): string {
  const lines: string[] = [];
  lines.push(`inputs: ${plan.inputs.join(', ') || '(none)'}`);
  lines.push(`outputs: ${plan.outputs.join(', ')}`);
  if (plan.udfs.length > 0) lines.push(`udfs: ${plan.udfs.map((u) => `udf.${u.name}`).join(', ')}`);
  for (const s of plan.steps) {
    lines.push(`step ${s.name} (read ${s.readers} time${s.readers === 1 ? '' : 's'}):`);
    relLines(s.query, 1, lines);
  }
  for (const s of plan.statements) {
    lines.push(`output ${s.output}:`);
    relLines(s.query, 1, lines);
  }
  return lines.join('\n');
}

function relLines(node: RelNode, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  switch (node.kind) {
    case 'Project':
      out.push(`${pad}Project ${node.items.map(itemText).join(', ')}`);
      relLines(node.input, depth + 1, out);
      return;
    case 'Filter':
      out.push(`${pad}Filter ${node.clause} ${node.text}`);
      relLines(node.input, depth + 1, out);
      return;
    case 'Apply':
      out.push(`${pad}${node.applyType === 'cross' ? 'CrossApply' : 'OuterApply'} ${node.fn} AS ${node.alias}`);
      relLines(node.input, depth + 1, out);
      return;
    case 'Union':
      out.push(`${pad}Union`);
      for (const i of node.inputs) relLines(i, depth + 1, out);
      return;
    case 'Aggregate': {
      const windows = node.windows.map((w) => (w.id === undefined ? w.spec.text : `${w.spec.text} AS '${w.id}'`)).join(', ');
      out.push(`${pad}Aggregate [${node.aggregates.map((a) => a.text).join(', ')}] GROUP BY ${[windows, ...node.keyTexts].filter((x) => x !== '').join(', ')}`);
      relLines(node.input, depth + 1, out);
      return;
    }
    case 'Analytic':
      out.push(`${pad}Analytic [${node.calls.map((c) => c.text).join(', ')}]`);
      relLines(node.input, depth + 1, out);
      return;
    case 'Join':
      out.push(`${pad}${joinText(node)}`);
      relLines(node.left, depth + 1, out);
      relLines(node.right, depth + 1, out);
      return;
    case 'MatchRecognize': {
      const parts = [`LIMIT DURATION ${node.limitMs}ms`];
      if (node.partitionNames.length > 0) parts.push(`PARTITION BY ${node.partitionNames.join(', ')}`);
      parts.push(`MEASURES ${node.measures.map((m) => `${m.text} AS ${m.name}`).join(', ')}`, `PATTERN (${node.patternText})`);
      out.push(`${pad}MatchRecognize AS ${node.alias} ${parts.join(' ')}`);
      relLines(node.input, depth + 1, out);
      return;
    }
    case 'Scan': {
      const alias = node.alias.toLowerCase() === node.source.name.toLowerCase() ? '' : ` AS ${node.alias}`;
      const time = node.timestampText !== undefined ? ` TIMESTAMP BY ${node.timestampText}` : node.source.kind === 'input' ? ' (arrival time)' : '';
      out.push(`${pad}Scan ${node.source.kind} ${node.source.name}${alias}${time}`);
      return;
    }
  }
}

function itemText(item: ProjectItem): string {
  if (item.kind === 'Star') return item.text;
  return item.text === item.name ? `${item.text}${typeSuffix(item.expr)}` : `${item.text} AS ${item.name}${typeSuffix(item.expr)}`;
}

function typeSuffix(e: BoundExpr): string {
  return e.type === 'any' ? '' : ` :${e.type}`;
}
