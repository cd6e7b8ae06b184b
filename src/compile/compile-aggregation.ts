// GROUP BY → window operators. The Aggregate node's keys become one string key per row, its aggregate
// calls become accumulators from functions/aggregates (DISTINCT wraps them), and the HAVING and SELECT
// list above it run once per finished group. Each window of the node (one, or several with
// Windows(…)) becomes its own operator fed by the same upstream; several are merged into one stream.
import { SluiceError } from '../common/index.ts';
import { distinctOf, lookupAggregate } from '../functions/index.ts';
import type { AggregateCall, AggregateNode, BoundExpr, WindowSpec } from '../plan/index.ts';
import {
  HoppingWindowOperator,
  RunningHoppingOperator,
  SessionWindowOperator,
  SlidingWindowOperator,
  SnapshotWindowOperator,
  runningHoppingFits,
  valueKey,
  type Accumulator,
  type AggregationProgram,
  type ApplyStep,
  type EvalContext,
  type Evaluator,
  type PaneKernel,
  type PanePrograms,
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
  const factories: ((keepInputs: boolean, removable: boolean) => Accumulator)[] = [];
  const values: Evaluator[] = [];
  const orders: (Evaluator[] | undefined)[] = [];
  let usesUda = false;
  for (const call of node.aggregates) {
    if (call.name.startsWith(UDA_PREFIX)) {
      // uda.name(value): accumulate(value, timestamp) — the event time rides in the order slot.
      factories.push(udaFactory(call.name.slice(UDA_PREFIX.length), cx));
      values.push(call.arg === undefined ? (ctx) => ctx.slots[0] ?? null : compileExpression(call.arg, cx));
      orders.push([(ctx) => ctx.timeMs]);
      usesUda = true;
      continue;
    }
    const base = lookupAggregate(call.name);
    if (base === undefined) throw new SluiceError('SLUICE_INTERNAL', `no aggregate ${call.name}`, { domain: 'internal' });
    const def = call.distinct ? distinctOf(base) : base;
    const params = { constants: call.constants, descending: call.orderBy.map((o) => o.descending) };
    factories.push((_keep, removable) => def.create(params, { removable }));
    // COUNT(*) counts every row; TopOne()/Collect()/CollectTop(n) take the whole event.
    const whole: Evaluator = call.name === 'COUNT' ? () => 1 : (ctx) => ctx.slots[0] ?? null;
    values.push(call.arg === undefined ? whole : call.arg.type === 'datetime' ? asDateTime(compileExpression(call.arg, cx)) : compileExpression(call.arg, cx));
    orders.push(call.orderBy.length === 0 ? undefined : call.orderBy.map((o) => compileExpression(o.expr, cx)));
  }
  const n = factories.length;
  const create = (keepInputs = false, removable = false): Accumulator[] => {
    const accs: Accumulator[] = new Array<Accumulator>(n);
    for (let i = 0; i < n; i++) accs[i] = (factories[i] as (keep: boolean, removable: boolean) => Accumulator)(keepInputs, removable);
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
  const deaccumulate = (ctx: EvalContext, accs: Accumulator[]): boolean => {
    let exact = true;
    for (let i = 0; i < n; i++) {
      const acc = accs[i] as Accumulator;
      if (acc.remove === undefined) return false;
      const order = orders[i];
      let orderValues: AsaValue[] | undefined;
      if (order !== undefined) {
        orderValues = new Array<AsaValue>(order.length);
        for (let j = 0; j < order.length; j++) orderValues[j] = (order[j] as Evaluator)(ctx);
      }
      if (!acc.remove((values[i] as Evaluator)(ctx), orderValues)) exact = false;
    }
    return exact;
  };
  const output = having === undefined ? project : (ctx: EvalContext): AsaRecord | undefined => (having(ctx) ? project(ctx) : undefined);
  const kernels = usesUda ? undefined : kernelsOf(node.aggregates);
  return {
    panes: kernels === undefined ? undefined : panePrograms(kernels, values),
    applies: parts.applies,
    filter: parts.where,
    key: compileKey(node.keys.map((k) => compileExpression(k, cx))),
    create,
    accumulate,
    deaccumulate,
    guard: usesUda ? cx.udfHost : undefined,
    metadata: metadataReadBy(node.keys),
    output,
  };
}

const UDA_PREFIX = 'uda.';

/** Every aggregate's PaneKernel, or undefined when one has none (DISTINCT, ORDER BY, MIN, UDAs, …). */
function kernelsOf(calls: readonly AggregateCall[]): PaneKernel[] | undefined {
  const kernels: PaneKernel[] = [];
  for (const call of calls) {
    const kernel = call.distinct || call.orderBy.length > 0 ? undefined : lookupAggregate(call.name)?.paneKernel;
    if (kernel === undefined) return undefined;
    kernels.push(kernel as PaneKernel);
  }
  return kernels;
}

function panePrograms(kernels: readonly PaneKernel[], values: readonly Evaluator[]): PanePrograms {
  const offsets: number[] = [];
  let width = 0;
  for (const k of kernels) {
    offsets.push(width);
    width += k.width;
  }
  const n = kernels.length;
  // The row's values, evaluated once: all must fit before any is added.
  const row = new Array<AsaValue>(n).fill(null);
  const accumulate = (ctx: EvalContext, state: Float64Array, at: number): boolean => {
    for (let i = 0; i < n; i++) {
      const v = (values[i] as Evaluator)(ctx);
      if (!(kernels[i] as PaneKernel).fits(state, at + (offsets[i] as number), v)) return false;
      row[i] = v;
    }
    for (let i = 0; i < n; i++) (kernels[i] as PaneKernel).add(state, at + (offsets[i] as number), row[i] as AsaValue);
    return true;
  };
  return { kernels, offsets, width, accumulate };
}

/**
 * The input metadata the GROUP BY keys read: undefined when none (the usual case); else the
 * GetMetadataPropertyValue properties named by constants (PartitionId and EventEnqueuedUtcTime need
 * no name). The window keeps them per group so the SELECT list reads them (runtime origin-snapshots.ts).
 */
function metadataReadBy(keys: readonly BoundExpr[]): string[] | undefined {
  let reads = false;
  const properties: string[] = [];
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    const node = v as { kind?: unknown; property?: { kind?: unknown; value?: unknown } };
    if (node.kind === 'InputMetadata') reads = true;
    if (node.kind === 'MetadataProperty') {
      reads = true;
      if (node.property?.kind === 'Literal' && typeof node.property.value === 'string') properties.push(node.property.value);
    }
    for (const [k, x] of Object.entries(v)) if (k !== 'span') visit(x);
  };
  visit(keys);
  return reads ? properties : undefined;
}

/** The accumulator factory of uda.name, from the UDF host (which loaded the job's UDAs). */
function udaFactory(name: string, cx: CompileContext): (keepInputs: boolean) => Accumulator {
  const factory = cx.udfHost?.aggregate?.(name);
  if (factory === undefined) {
    throw new SluiceError('SLUICE_UDA_UNKNOWN', `no JavaScript UDA named 'uda.${name}' is loaded`, { domain: 'user', hint: 'define it in Functions/ with "Type": "Aggregate"' });
  }
  return factory;
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
      // Invertible aggregates: one running aggregate per group (subtract-on-evict); others: panes in two stacks.
      return runningHoppingFits(spec, program) ? new RunningHoppingOperator(name, spec, program, now, applyCount) : new HoppingWindowOperator(name, spec, program, now, applyCount);
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
