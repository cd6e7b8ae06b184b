// GROUP BY → window operators. The Aggregate node's keys become one string key per row, its aggregate
// calls become accumulators from functions/aggregates (DISTINCT wraps them), and the HAVING and SELECT
// list above it run once per finished group. Each window of the node (one, or several with
// Windows(…)) becomes its own operator fed by the same upstream; several are merged into one stream.
import { SluiceError } from '../common/index.ts';
import { distinctOf, lookupAggregate } from '../functions/index.ts';
import type { AggregateNode, WindowSpec } from '../plan/index.ts';
import {
  HoppingWindowOperator,
  SessionWindowOperator,
  SlidingWindowOperator,
  SnapshotWindowOperator,
  valueKey,
  type Accumulator,
  type AggregationProgram,
  type ApplyStep,
  type EvalContext,
  type Evaluator,
  type Predicate,
  type WindowOperator,
} from '../runtime/index.ts';
import { parseDateTime, type AsaRecord, type AsaValue } from '../types/index.ts';
import type { CompileContext } from './compile-context.ts';
import { compileExpression } from './compile-expression.ts';

export interface AggregationParts {
  readonly node: AggregateNode;
  readonly applies: readonly ApplyStep[];
  readonly where: Predicate | undefined;
  readonly having: Predicate | undefined;
  readonly project: (ctx: EvalContext) => AsaRecord;
}

const SEP = '\u0001';

/** The composite GROUP BY key of a row. */
export function compileKey(exprs: readonly Evaluator[]): (ctx: EvalContext) => string {
  if (exprs.length === 0) return () => '';
  if (exprs.length === 1) {
    const k = exprs[0] as Evaluator;
    return (ctx) => valueKey(k(ctx));
  }
  return (ctx) => {
    let s = '';
    for (let i = 0; i < exprs.length; i++) s += (i === 0 ? '' : SEP) + valueKey((exprs[i] as Evaluator)(ctx));
    return s;
  };
}

export function compileAggregationProgram(parts: AggregationParts, cx: CompileContext): AggregationProgram {
  const { node, having, project } = parts;
  const factories: (() => Accumulator)[] = [];
  const values: Evaluator[] = [];
  const orders: (Evaluator[] | undefined)[] = [];
  for (const call of node.aggregates) {
    const base = lookupAggregate(call.name);
    if (base === undefined) throw new SluiceError('SLUICE_INTERNAL', `no aggregate ${call.name}`, { domain: 'internal' });
    const def = call.distinct ? distinctOf(base) : base;
    const params = { constants: call.constants, descending: call.orderBy.map((o) => o.descending) };
    factories.push(() => def.create(params));
    // COUNT(*) counts every row; TopOne()/Collect()/CollectTop(n) take the whole event.
    const whole: Evaluator = call.name === 'COUNT' ? () => 1 : (ctx) => ctx.slots[0] ?? null;
    values.push(call.arg === undefined ? whole : call.arg.type === 'datetime' ? asDateTime(compileExpression(call.arg, cx)) : compileExpression(call.arg, cx));
    orders.push(call.orderBy.length === 0 ? undefined : call.orderBy.map((o) => compileExpression(o.expr, cx)));
  }
  const n = factories.length;
  const create = (): Accumulator[] => {
    const accs: Accumulator[] = new Array<Accumulator>(n);
    for (let i = 0; i < n; i++) accs[i] = (factories[i] as () => Accumulator)();
    return accs;
  };
  const accumulate = (ctx: EvalContext, accs: Accumulator[]): void => {
    for (let i = 0; i < n; i++) {
      const order = orders[i];
      let orderValues: AsaValue[] | undefined;
      if (order !== undefined) {
        orderValues = new Array<AsaValue>(order.length);
        for (let j = 0; j < order.length; j++) orderValues[j] = (order[j] as Evaluator)(ctx);
      }
      (accs[i] as Accumulator).add((values[i] as Evaluator)(ctx), orderValues);
    }
  };
  const output = having === undefined ? project : (ctx: EvalContext): AsaRecord | undefined => (having(ctx) ? project(ctx) : undefined);
  return {
    applies: parts.applies,
    filter: parts.where,
    key: compileKey(node.keys.map((k) => compileExpression(k, cx))),
    create,
    accumulate,
    output,
  };
}

/**
 * A value typed datetime (CREATE TABLE, CAST) that is still text reaches MIN/MAX/TopOne as a datetime,
 * so it compares by time and is written back in ASA's datetime format.
 */
function asDateTime(e: Evaluator): Evaluator {
  return (ctx) => {
    const v = e(ctx);
    return typeof v === 'string' ? (parseDateTime(v) ?? v) : v;
  };
}

/** One operator per window of the node. */
export function windowOperators(parts: AggregationParts, label: string, cx: CompileContext, now: () => number): WindowOperator[] {
  const program = compileAggregationProgram(parts, cx);
  const applyCount = parts.applies.length;
  return parts.node.windows.map((w) => {
    const op = windowOperator(w.spec, program, `${label} ${w.spec.text}`, cx, now, applyCount);
    op.windowId = w.id ?? null;
    return op;
  });
}

function windowOperator(spec: WindowSpec, program: AggregationProgram, name: string, cx: CompileContext, now: () => number, applyCount: number): WindowOperator {
  switch (spec.kind) {
    case 'hopping':
      return new HoppingWindowOperator(name, spec, program, now, applyCount);
    case 'sliding':
      return new SlidingWindowOperator(name, spec.sizeMs, program, now, applyCount);
    case 'session': {
      const partition = spec.partitionBy.length === 0 ? undefined : compileKey(spec.partitionBy.map((e) => compileExpression(e, cx)));
      return new SessionWindowOperator(name, spec, partition, program, now, applyCount);
    }
    case 'snapshot':
      return new SnapshotWindowOperator(name, program, now, applyCount);
  }
}
