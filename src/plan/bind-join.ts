// Binds `left [INNER | LEFT [OUTER]] JOIN right ON cond` (learn.microsoft.com/stream-analytics-query/
// join-azure-stream-analytics). Each side is a FROM slot (left first; a three-way join nests), so ON and
// everything above the join read `alias.column`. The ON clause is kept whole (it decides a match) and
// also mined for what the runtime needs: equality conjuncts become hash keys, and DATEDIFF(unit, a, b)
// over two source aliases becomes the time bound ("the second and third parameter gain special
// treatment": they stand for the two events' timestamps). A join of two streams without a time bound,
// or with one over seven days, is an error; a reference data input (Reference data JOIN page) needs none.
import { lookupDatePart } from '../functions/index.ts';
import { printExpression, type FromItem, type Join } from '../sql/index.ts';
import { bindExpression } from './bind-expression.ts';
import type { SourceResolver } from './bind-select.ts';
import type { BoundExpr, CallExpr } from './bound-expr.ts';
import { conjuncts, mapBound, slotsOf } from './bound-walk.ts';
import type { JoinNode, JoinTimeBound, RelNode } from './logical-plan.ts';
import type { BindEnv, Scope, ScopeSlot } from './scope.ts';

type BindFrom = (from: FromItem, slots: ScopeSlot[], env: BindEnv, sources: SourceResolver, joinRight?: boolean) => RelNode;

const DAY_MS = 86_400_000;
/** "The maximum DATEDIFF size is seven days" (JOIN page). */
const MAX_BOUND_MS = 7 * DAY_MS;
const UNIT_MS: Readonly<Record<string, number>> = {
  week: 7 * DAY_MS, day: DAY_MS, dayofyear: DAY_MS, weekday: DAY_MS, hour: 3_600_000, minute: 60_000, second: 1000, millisecond: 1, microsecond: 0.001,
};

export function bindJoin(from: Join, slots: ScopeSlot[], env: BindEnv, sources: SourceResolver, bindFrom: BindFrom): JoinNode {
  const left = bindFrom(from.left, slots, env, sources);
  if (left.kind === 'Apply') env.diag.unsupported('CROSS/OUTER APPLY before a JOIN (apply it after the JOIN)', from.left.span);
  const rightSlot = slots.length;
  const right = bindFrom(from.right, slots, env, sources, true);
  const reference = right.kind === 'Scan' && right.source.kind === 'input'
    && env.catalog.inputs.some((i) => i.kind === 'reference' && i.alias.toLowerCase() === right.source.name.toLowerCase());
  const scope: Scope = { slots, hasGroupBy: false };
  const on = joinTimestamps(bindExpression(from.on, scope, env), rightSlot + 1);
  const leftKeys: BoundExpr[] = [];
  const rightKeys: BoundExpr[] = [];
  const bounds: JoinTimeBound[] = [];
  for (const c of conjuncts(on)) {
    const bound = timeBound(c, rightSlot, env, reference);
    if (bound !== undefined) {
      bounds.push(bound);
      continue;
    }
    const key = equalityKey(c, rightSlot);
    if (key !== undefined) {
      leftKeys.push(key.left);
      rightKeys.push(key.right);
    }
  }
  if (!reference) checkStreamBounds(bounds, from, env);
  return {
    kind: 'Join', joinType: from.joinType, left, right, reference, rightSlot, on, onText: printExpression(from.on),
    leftKeys, rightKeys, bounds: reference ? [] : bounds, span: from.span,
  };
}

/** DATEDIFF(unit, a, b) with two source aliases compares the events' timestamps (JOIN page). */
function joinTimestamps(expr: BoundExpr, slotCount: number): BoundExpr {
  return mapBound(expr, (e) => {
    if (e.kind !== 'Call' || e.name !== 'DATEDIFF') return e;
    const a = e.args[1];
    const b = e.args[2];
    if (!isAlias(a, slotCount) || !isAlias(b, slotCount)) return e;
    const args = [e.args[0] as BoundExpr, { kind: 'Timestamp', slot: a.slot, type: 'datetime', span: a.span } as const, { kind: 'Timestamp', slot: b.slot, type: 'datetime', span: b.span } as const];
    return { ...e, args };
  });
}

function isAlias(e: BoundExpr | undefined, slotCount: number): e is BoundExpr & { kind: 'Field'; slot: number } {
  return e !== undefined && e.kind === 'Field' && e.path.length === 0 && e.slot < slotCount;
}

function timestampSlot(e: BoundExpr | undefined): number | undefined {
  return e?.kind === 'Timestamp' ? e.slot : undefined;
}

/** A number literal (optionally negated), or undefined. */
function constant(e: BoundExpr): number | undefined {
  if (e.kind === 'Literal' && typeof e.value === 'number') return e.value;
  if (e.kind === 'Unary' && e.op === '-') {
    const v = constant(e.operand);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** `DATEDIFF(u, x, y) BETWEEN lo AND hi`, `… <= c`, `c > …`, `… = c`: the right side's offset from a left slot. */
function timeBound(c: BoundExpr, rightSlot: number, env: BindEnv, reference: boolean): JoinTimeBound | undefined {
  let dd: CallExpr | undefined;
  let low = -Infinity;
  let high = Infinity;
  if (c.kind === 'Between' && !c.negated && isJoinDateDiff(c.expr)) {
    const lo = constant(c.low);
    const hi = constant(c.high);
    if (lo === undefined || hi === undefined) return undefined;
    dd = c.expr;
    low = lo;
    high = hi;
  } else if (c.kind === 'Binary' && ['<', '<=', '>', '>=', '='].includes(c.op)) {
    const flipped = !isJoinDateDiff(c.left);
    const call = flipped ? c.right : c.left;
    const k = constant(flipped ? c.left : c.right);
    if (!isJoinDateDiff(call) || k === undefined) return undefined;
    dd = call;
    // DATEDIFF counts whole unit boundaries, so `< k` is `<= k − 1` (DATEDIFF page).
    const op = flipped ? ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' } as const)[c.op as '<'] : c.op;
    if (op === '<') high = k - 1;
    else if (op === '<=') high = k;
    else if (op === '>') low = k + 1;
    else if (op === '>=') low = k;
    else low = high = k;
  }
  if (dd === undefined) return undefined;
  const a = timestampSlot(dd.args[1]) as number;
  const b = timestampSlot(dd.args[2]) as number;
  let leftSlot: number;
  if (b === rightSlot && a < rightSlot) {
    leftSlot = a;
  } else if (a === rightSlot && b < rightSlot) {
    // DATEDIFF(u, right, left) ∈ [lo, hi] ⇔ right − left ∈ [−hi, −lo].
    leftSlot = b;
    [low, high] = [-high, -low];
  } else {
    return undefined;
  }
  const part = lookupDatePart(dd.datePart ?? '') ?? dd.datePart ?? '';
  const unitMs = UNIT_MS[part];
  if (unitMs === undefined) {
    if (!reference) env.diag.error('SLUICE_PLAN_JOIN_BOUND_UNIT', `DATEDIFF in a JOIN needs a unit of at most a week (day, hour, minute, second, …), not '${dd.datePart ?? ''}'`, dd.span);
    return undefined;
  }
  if (!reference && Math.max(Math.abs(low === -Infinity ? 0 : low), Math.abs(high === Infinity ? 0 : high)) * unitMs > MAX_BOUND_MS) {
    env.diag.error('SLUICE_PLAN_JOIN_BOUND_TOO_LARGE', 'the DATEDIFF time bound of a JOIN may be at most 7 days', c.span, 'the maximum DATEDIFF size is seven days (JOIN page)');
  }
  return { leftSlot, unit: part, unitMs, low, high };
}

function isJoinDateDiff(e: BoundExpr): e is CallExpr {
  return e.kind === 'Call' && e.name === 'DATEDIFF' && timestampSlot(e.args[1]) !== undefined && timestampSlot(e.args[2]) !== undefined;
}

/** `leftExpr = rightExpr` where one side reads only left slots and the other only the right slot. */
function equalityKey(c: BoundExpr, rightSlot: number): { left: BoundExpr; right: BoundExpr } | undefined {
  if (c.kind !== 'Binary' || c.op !== '=') return undefined;
  const side = (e: BoundExpr): 'left' | 'right' | undefined => {
    const s = slotsOf(e);
    if (s === undefined || s.size === 0) return undefined;
    if ([...s].every((x) => x < rightSlot)) return 'left';
    return s.size === 1 && s.has(rightSlot) ? 'right' : undefined;
  };
  const l = side(c.left);
  const r = side(c.right);
  if (l === 'left' && r === 'right') return { left: c.left, right: c.right };
  if (l === 'right' && r === 'left') return { left: c.right, right: c.left };
  return undefined;
}

/**
 * ASA's own compile error for an unbounded stream JOIN, word for word (as users report it, e.g.
 * github.com/MicrosoftDocs/azure-docs/issues/66268).
 */
const NOT_TIME_BOUNDED = 'The join predicate is not time bounded. JOIN operation between data streams requires specifying max time distances between matching events. Please add DATEDIFF to the JOIN condition.';

/** Each stream JOIN must bound how far apart matching events are, both ways (JOIN page). */
function checkStreamBounds(bounds: readonly JoinTimeBound[], from: Join, env: BindEnv): void {
  const hint = 'Example: SELECT input1.a, input2.b FROM input1 JOIN input2 ON DATEDIFF(minute, input1, input2) BETWEEN 0 AND 10';
  if (bounds.length === 0) {
    env.diag.error('SLUICE_PLAN_JOIN_TIME_BOUND', NOT_TIME_BOUNDED, from.on.span, hint);
    return;
  }
  const bySlot = new Map<number, { low: number; high: number }>();
  for (const b of bounds) {
    const cur = bySlot.get(b.leftSlot) ?? { low: -Infinity, high: Infinity };
    bySlot.set(b.leftSlot, { low: Math.max(cur.low, b.low * b.unitMs), high: Math.min(cur.high, b.high * b.unitMs) });
  }
  if (![...bySlot.values()].some((r) => Number.isFinite(r.low) && Number.isFinite(r.high))) {
    env.diag.error('SLUICE_PLAN_JOIN_TIME_BOUND', `${NOT_TIME_BOUNDED} (The DATEDIFF conditions here leave one side open: bound it both ways, e.g. BETWEEN 0 AND 15.)`, from.on.span, hint);
  }
}
