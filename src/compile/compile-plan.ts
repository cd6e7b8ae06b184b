// Logical plan → JobGraph. Each WITH step becomes operators built once, however many statements read
// it (fan-out: the step's last operator feeds every reader). A SELECT's linear chain Scan → APPLY… →
// Filter → Project is fused into one SelectOperator; an input Scan becomes a SourceOperator (its
// TIMESTAMP BY); UNION becomes a MergeOperator; each output gets one SinkOperator, shared by every
// statement writing to it.
import { SluiceError } from '../common/index.ts';
import { bindScalarFunction, lookupTableFunction } from '../functions/index.ts';
import type { AggregateNode, ApplyNode, LogicalPlan, RelNode, ScanNode } from '../plan/index.ts';
import {
  JobGraph,
  MergeOperator,
  ReferenceJoinOperator,
  SelectOperator,
  SinkOperator,
  SourceOperator,
  SubstreamOperator,
  type ApplyStep,
  type ArrivalPolicy,
  type BaseOperator,
  type DataErrorHandler,
  type Operator,
  type Predicate,
  type StreamJoinOperator,
} from '../runtime/index.ts';
import type { OutputColumn, OutputSink } from '../spi/index.ts';
import { compatBehaviour, type AsaRecord } from '../types/index.ts';
import type { CompileContext, FunctionRegistry, UdfRuntime } from './compile-context.ts';
import { windowOperators } from './compile-aggregation.ts';
import { compileAnalyticOperator } from './compile-analytic.ts';
import { compileExpression, compilePredicate } from './compile-expression.ts';
import { compileMatchRecognize } from './compile-match-recognize.ts';
import { globalPartOf, substreamOperator } from './compile-substreams.ts';
import { compileJoin } from './compile-join.ts';
import { compileProjection, outputName } from './compile-projection.ts';
import { chainUsesUdf } from './uses-udf.ts';

export interface CompileOptions {
  /** One sink per output alias of the plan (names compare without case). */
  readonly sinks: ReadonlyMap<string, OutputSink> | Readonly<Record<string, OutputSink>>;
  /** Required when the plan calls UDFs: functions/udf's UdfHost with the plan's UDFs defined. */
  readonly udfHost?: UdfRuntime;
  /** The function registry; the built-ins by default. */
  readonly functions?: FunctionRegistry;
  /** Wall clock for EventProcessedUtcTime (epoch ms); Date.now by default. */
  readonly now?: () => number;
  /** Data errors (events dropped for a missing timestamp …); ignored by default. */
  readonly onDataError?: DataErrorHandler;
  /**
   * Late/early arrival handling for inputs with TIMESTAMP BY (the job's EventsLateArrivalMaxDelay and
   * EventsOutOfOrderPolicy; ASA_DEFAULT_ARRIVAL_POLICY is ASA's default). Off when absent.
   */
  readonly arrivalPolicy?: ArrivalPolicy;
  /**
   * The job's time policies (JobConfig EventsLateArrivalMaxDelayInSeconds, EventsOutOfOrderMaxDelayInSeconds,
   * EventsOutOfOrderPolicy; see timePolicyFromJobConfig), for every input or per input (a local run
   * applies them only to inputs whose events carry their arrival time). Overrides arrivalPolicy.
   */
  readonly timePolicy?: ArrivalPolicy | ((input: string) => ArrivalPolicy | undefined);
}

function andAll(preds: readonly Predicate[]): Predicate | undefined {
  return preds.reduce<Predicate | undefined>((acc, f) => (acc === undefined ? f : (ctx) => acc(ctx) && f(ctx)), undefined);
}

export function compilePlan(plan: LogicalPlan, options: CompileOptions): JobGraph {
  const cx: CompileContext = {
    compat: compatBehaviour(plan.compatLevel),
    sourceText: plan.sourceText,
    functions: options.functions ?? { bindScalarFunction, lookupTableFunction },
    udfHost: options.udfHost,
  };
  /** CROSS/OUTER APPLY of a table-valued function, above a select or below a window. */
  const compileApply = (node: ApplyNode): ApplyStep => {
    const fn = cx.functions.lookupTableFunction(node.fn);
    if (fn === undefined) throw new SluiceError('SLUICE_INTERNAL', `no table-valued function ${node.fn}`, { domain: 'internal' });
    const arg = compileExpression(node.arg, cx);
    return { rows: (ctx) => fn.invoke(arg(ctx)) as readonly AsaRecord[], outer: node.applyType === 'outer', slot: node.slot };
  };
  const now = options.now ?? Date.now;
  const policyFor = (input: string): ArrivalPolicy | undefined => {
    const p = options.timePolicy;
    if (p === undefined) return options.arrivalPolicy;
    return typeof p === 'function' ? p(input) : p;
  };
  const onDataError = options.onDataError ?? (() => {});
  const operators: Operator[] = [];
  const sources = new Map<string, SourceOperator[]>();
  // Declared but unread inputs accept pushes (and drop them), so a connector need not know the query.
  for (const input of [...plan.declaredInputs, ...plan.inputs]) sources.set(input, []);
  const steps = new Map<string, BaseOperator>();
  const references = new Map<string, ReferenceJoinOperator[]>();
  const joinOperator = (op: StreamJoinOperator | ReferenceJoinOperator): void => {
    operators.push(op);
    if (op instanceof ReferenceJoinOperator) references.set(op.input, [...(references.get(op.input) ?? []), op]);
  };

  const build = (node: RelNode, label: string): BaseOperator => {
    if (node.kind === 'Union') {
      const merge = new MergeOperator(`${label} union`);
      node.inputs.forEach((branch, i) => build(branch, `${label} branch ${i + 1}`).connect(merge));
      operators.push(merge);
      return merge;
    }
    // Peel Project → Filter* → Apply* down to the Scan.
    let project: ((ctx: Parameters<Predicate>[0]) => AsaRecord) | undefined;
    const filters: Predicate[] = [];
    const applies: ApplyStep[] = [];
    let cur: RelNode = node;
    for (;;) {
      if (cur.kind === 'Project') {
        project = compileProjection(cur.items, cx);
        cur = cur.input;
      } else if (cur.kind === 'Filter') {
        filters.unshift(compilePredicate(cur.predicate, cx));
        cur = cur.input;
      } else if (cur.kind === 'Apply') {
        applies.unshift(compileApply(cur));
        cur = cur.input;
      } else {
        break;
      }
    }
    if (cur.kind === 'Aggregate' && project !== undefined) return buildAggregate(cur, filters, project, label);
    if (project === undefined) throw new SluiceError('SLUICE_INTERNAL', `unexpected plan shape under ${label}`, { domain: 'internal' });
    const upstream = fromOperator(cur, label);
    const select = new SelectOperator(label, { applies, filter: andAll(filters), project }, now, chainUsesUdf(node) ? options.udfHost : undefined);
    upstream.connect(select);
    operators.push(select);
    return select;
  };

  /** GROUP BY: HAVING filters and the projection above the Aggregate node, WHERE and APPLYs below it. */
  const buildAggregate = (agg: AggregateNode, havings: Predicate[], project: (ctx: Parameters<Predicate>[0]) => AsaRecord, label: string): BaseOperator => {
    const where: Predicate[] = [];
    const applies: ApplyStep[] = [];
    let cur: RelNode = agg.input;
    for (;;) {
      if (cur.kind === 'Filter') {
        where.unshift(compilePredicate(cur.predicate, cx));
        cur = cur.input;
      } else if (cur.kind === 'Apply') {
        applies.unshift(compileApply(cur));
        cur = cur.input;
      } else {
        break;
      }
    }
    const upstream = fromOperator(cur, label);
    if (upstream instanceof SubstreamOperator) {
      // Substreams: the windows run once per OVER key, each on its key's timeline.
      upstream.perKey(() => windowOperators({ node: agg, applies, where: andAll(where), having: andAll(havings), project }, label, cx, now));
      return upstream;
    }
    const windows = windowOperators({ node: agg, applies, where: andAll(where), having: andAll(havings), project }, label, cx, now);
    for (const w of windows) {
      upstream.connect(w);
      operators.push(w);
    }
    if (windows.length === 1) return windows[0] as BaseOperator;
    const merge = new MergeOperator(`${label} windows`);
    for (const w of windows) w.connect(merge);
    operators.push(merge);
    return merge;
  };

  /** The operator producing the FROM clause's rows (below APPLY and WHERE). One case per source kind. */
  const fromOperator = (node: RelNode, label: string): BaseOperator => {
    switch (node.kind) {
      case 'Scan':
        return scanOperator(node);
      case 'Analytic': {
        // LAG/LAST/ISFIRST/rolling aggregates: on every FROM event, before APPLY and WHERE.
        const analytic = compileAnalyticOperator(node, cx, `${label} analytic`, now);
        fromOperator(node.input, label).connect(analytic);
        operators.push(analytic);
        return analytic;
      }
      case 'Join':
        return compileJoin(node, label, cx, { side: (n) => fromOperator(n, label), add: (op) => joinOperator(op) });
      case 'MatchRecognize': {
        // One row per match, before the SELECT's WHERE and projection (compile-match-recognize.ts).
        const make = compileMatchRecognize(node, cx, now, label);
        const upstream = fromOperator(node.input, label);
        if (upstream instanceof SubstreamOperator) {
          // TIMESTAMP BY … OVER: one matcher per substream key, on that key's timeline.
          upstream.perKey(() => [make()]);
          return upstream;
        }
        const mr = make();
        upstream.connect(mr);
        operators.push(mr);
        return mr;
      }
      default:
        throw new SluiceError('SLUICE_INTERNAL', `unexpected plan shape under ${label}`, { domain: 'internal' });
    }
  };

  const scanOperator = (scan: ScanNode): BaseOperator => {
    if (scan.source.kind === 'step') {
      const step = steps.get(scan.source.name.toLowerCase());
      if (step === undefined) throw new SluiceError('SLUICE_INTERNAL', `step ${scan.source.name} is not built yet`, { domain: 'internal' });
      return step;
    }
    const ts = scan.timestampBy === undefined ? undefined : compileExpression(scan.timestampBy, cx);
    const policy = policyFor(scan.source.name);
    const over = scan.substreamKeys !== undefined && scan.substreamKeys.length > 0;
    const source = new SourceOperator(scan.source.name, ts, onDataError, now, over ? globalPartOf(policy) : policy);
    sources.get(scan.source.name)?.push(source);
    operators.push(source);
    if (!over) return source;
    // TIMESTAMP BY … OVER: per-key out-of-order rule and timelines (compile-substreams.ts).
    const sub = substreamOperator(scan, source, policy, cx, onDataError);
    operators.push(sub);
    return sub;
  };

  for (const step of plan.steps) steps.set(step.name.toLowerCase(), build(step.query, `step ${step.name}`));

  const sinkOps = new Map<string, SinkOperator>();
  const outputColumns = new Map<string, OutputColumn[]>();
  plan.statements.forEach((st, i) => {
    const key = st.output.toLowerCase();
    let sinkOp = sinkOps.get(key);
    if (sinkOp === undefined) {
      const sink = findSink(options.sinks, st.output);
      sinkOp = new SinkOperator(st.output, sink);
      sinkOps.set(key, sinkOp);
      const cols = outputColumnsOf(st.query, cx);
      outputColumns.set(st.output, cols);
      sink.describe?.(cols);
    }
    build(st.query, `statement ${i + 1} into ${st.output}`).connect(sinkOp);
  });
  for (const s of sinkOps.values()) operators.push(s);
  return new JobGraph({ sources, operators, sinks: [...sinkOps.values()], outputColumns, references });
}

function outputColumnsOf(node: RelNode, cx: CompileContext): OutputColumn[] {
  if (node.kind === 'Union') return node.inputs[0] ? outputColumnsOf(node.inputs[0], cx) : [];
  if (node.kind !== 'Project') return [];
  return node.items.flatMap((i) => (i.kind === 'Column' ? [{ name: outputName(i, cx.compat), type: i.expr.type }] : []));
}

function findSink(sinks: CompileOptions['sinks'], output: string): OutputSink {
  const entries: [string, OutputSink][] = sinks instanceof Map ? [...sinks] : Object.entries(sinks as Record<string, OutputSink>);
  const found = entries.find(([k]) => k.toLowerCase() === output.toLowerCase());
  if (found === undefined) {
    throw new SluiceError('SLUICE_COMPILE_NO_SINK', `no sink for the output '${output}'`, { domain: 'internal', hint: `sinks given: ${entries.map(([k]) => k).join(', ') || '(none)'}` });
  }
  return found[1];
}
