// How explain prints a JOIN: its type, ON clause, hash keys and time bound (the right side's offset from
// each left side it is bounded against, by alias), so a plan shows how much state the join keeps.
import type { JoinNode, JoinTimeBound, RelNode } from './logical-plan.ts';

export function joinText(node: JoinNode): string {
  const type = node.joinType === 'left' ? 'LeftOuterJoin' : 'Join';
  const parts = [`${type}${node.reference ? ' reference' : ''} ON ${node.onText}`];
  if (node.leftKeys.length > 0) parts.push(`hash keys ${node.leftKeys.length}`);
  if (node.bounds.length > 0) {
    const left = sideAliases(node.left);
    const right = sideAliases(node.right)[0] ?? `slot ${node.rightSlot}`;
    parts.push(`bound ${node.bounds.map((b) => boundText(b, right, left[b.leftSlot] ?? `slot ${b.leftSlot}`)).join(', ')}`);
  }
  return parts.join('; ');
}

/** The FROM slot aliases a subtree provides, in slot order. */
function sideAliases(node: RelNode): string[] {
  if (node.kind === 'Scan') return [node.alias];
  if (node.kind === 'Join') return [...sideAliases(node.left), ...sideAliases(node.right)];
  return 'input' in node ? sideAliases(node.input) : [];
}

function boundText(b: JoinTimeBound, right: string, left: string): string {
  const lo = Number.isFinite(b.low) ? String(b.low) : '-inf';
  const hi = Number.isFinite(b.high) ? String(b.high) : 'inf';
  return `${right} − ${left} in [${lo}, ${hi}] ${b.unit}`;
}
