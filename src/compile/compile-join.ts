// JoinNode → a join operator (learn.microsoft.com/stream-analytics-query/join-azure-stream-analytics).
// A stream JOIN becomes a StreamJoinOperator fed by both sides (left on port 0, right on port 1) whose
// buffering window comes from the DATEDIFF bounds; a reference data JOIN becomes a
// ReferenceJoinOperator fed by the left side only, its table loaded through JobGraph.loadReference.
// Equality conjuncts of ON become the hash key; the whole ON clause still decides each match.
import type { BoundExpr, JoinNode, RelNode } from '../plan/index.ts';
import { ReferenceJoinOperator, StreamJoinOperator, valueKey, type BaseOperator, type EvalContext, type Evaluator, type JoinKey } from '../runtime/index.ts';
import type { CompileContext } from './compile-context.ts';
import { compileExpression, compilePredicate } from './compile-expression.ts';

export interface JoinDeps {
  /** The operator producing one side's rows (a source, a step, a nested join). */
  readonly side: (node: RelNode) => BaseOperator;
  /** Registers a new operator with the graph (upstream before downstream). */
  readonly add: (op: StreamJoinOperator | ReferenceJoinOperator) => void;
}

export function compileJoin(node: JoinNode, label: string, cx: CompileContext, deps: JoinDeps): BaseOperator {
  const left = deps.side(node.left);
  const base = {
    outer: node.joinType === 'left',
    leftWidth: node.rightSlot,
    leftKey: compileKey(node.leftKeys, cx),
    rightKey: compileKey(node.rightKeys, cx),
    on: compilePredicate(node.on, cx),
  };
  if (node.reference) {
    const input = node.right.kind === 'Scan' ? node.right.source.name : '';
    const op = new ReferenceJoinOperator(`${label} join ${input}`, { ...base, input });
    left.connect(op);
    deps.add(op);
    return op;
  }
  const right = deps.side(node.right);
  const window = joinWindow(node);
  const op = new StreamJoinOperator(`${label} join ${node.right.kind === 'Scan' ? node.right.alias : `slot ${node.rightSlot}`}`, { ...base, ...window });
  left.connect(op);
  right.connect(op);
  deps.add(op);
  return op;
}

/** The hash of a side's key values; '' when there are no keys (every row in one bucket). */
function compileKey(exprs: readonly BoundExpr[], cx: CompileContext): JoinKey {
  if (exprs.length === 0) return () => '';
  const evals: Evaluator[] = exprs.map((e) => compileExpression(e, cx));
  if (evals.length === 1) {
    const only = evals[0] as Evaluator;
    return (ctx: EvalContext) => {
      const v = only(ctx);
      return v === null ? null : valueKey(v);
    };
  }
  return (ctx: EvalContext) => {
    let key = '';
    for (let i = 0; i < evals.length; i++) {
      const v = (evals[i] as Evaluator)(ctx);
      if (v === null) return null;
      key += `${valueKey(v)}\u0001`;
    }
    return key;
  };
}

interface JoinWindow {
  lowMs: number;
  highMs: number;
  unmatchedTime: (times: readonly number[]) => number;
  holdBackMs: number;
}

/**
 * How far apart (right − left row time) a match can be. DATEDIFF counts unit boundaries (DATEDIFF
 * page), so `d ∈ [lo, hi]` allows a real difference in ((lo − 1)·unit, (hi + 1)·unit); a three-way
 * join's left row is stamped with its latest side, its earlier sides up to `spread` before it.
 */
function joinWindow(node: JoinNode): JoinWindow {
  const spread = spreadMs(node.left);
  let lowMs = -Infinity;
  let highMs = Infinity;
  const nominal: { slot: number; ms: number }[] = [];
  for (const b of node.bounds) {
    if (Number.isFinite(b.low)) lowMs = Math.max(lowMs, (b.low - 1) * b.unitMs - spread);
    if (Number.isFinite(b.high)) {
      highMs = Math.min(highMs, (b.high + 1) * b.unitMs);
      nominal.push({ slot: b.leftSlot, ms: b.high * b.unitMs });
    }
  }
  const minNominal = Math.min(...nominal.map((n) => n.ms));
  return {
    lowMs,
    highMs,
    // "the latest logical time at which a matching input2 event could have occurred" (System.Timestamp page).
    unmatchedTime: (times) => {
      let t = Infinity;
      for (const n of nominal) t = Math.min(t, (times[n.slot] as number) + n.ms);
      return t;
    },
    holdBackMs: Math.max(0, highMs - minNominal + spread),
  };
}

/** How far before a joined row's timestamp its earliest side can be (0 for a plain source). */
function spreadMs(node: RelNode): number {
  if (node.kind !== 'Join') return 'input' in node ? spreadMs(node.input) : 0;
  const inner = spreadMs(node.left);
  if (node.reference) return inner;
  const w = joinWindow(node);
  return Math.max(inner, w.highMs + inner, -w.lowMs, 0);
}
