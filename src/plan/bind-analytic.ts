// Binds an analytic call — LAG, LAST, ISFIRST, or SUM/AVG/MIN/MAX OVER ([PARTITION BY …] LIMIT
// DURATION(…) [WHEN …]) — into the statement's list of analytic calls and returns an AnalyticRef.
// Its value, default, partition keys and WHEN read the FROM row only, because the call is evaluated on
// every event of the query input before APPLY, WHERE, JOIN and GROUP BY. Each check names its page:
// LAG:     https://learn.microsoft.com/stream-analytics-query/lag-azure-stream-analytics
// LAST:    https://learn.microsoft.com/stream-analytics-query/last-azure-stream-analytics
// ISFIRST: https://learn.microsoft.com/stream-analytics-query/isfirst-azure-stream-analytics
// OVER:    https://learn.microsoft.com/stream-analytics-query/over-azure-stream-analytics
import type { SourceSpan } from '../common/index.ts';
import { lookupAnalytic, ROLLING_AGGREGATES, type AnalyticDef } from '../functions/index.ts';
import { printExpression, type Expression, type FunctionCall, type TimeSpan } from '../sql/index.ts';
import { unifyStaticTypes } from '../types/index.ts';
import type { BoundExpr } from './bound-expr.ts';
import type { AnalyticCall } from './logical-plan.ts';
import { AGGREGATE_FUNCTIONS } from './function-kinds.ts';
import type { BindEnv, Scope } from './scope.ts';

/** bind-expression's bindExpression, passed in so the two modules do not import each other. */
export type BindFn = (e: Expression, scope: Scope, env: BindEnv) => BoundExpr;

// LIMIT DURATION takes DATEDIFF's units (OVER page); ISFIRST lists day/dd/d, hour/hh, minute/mi/n,
// second/ss/s, millisecond/ms, microsecond/mcs. Same table as the window sizes (bind-group-by.ts).
const UNIT_MS: Readonly<Record<string, number>> = {
  day: 86_400_000, dd: 86_400_000, d: 86_400_000, days: 86_400_000,
  hour: 3_600_000, hh: 3_600_000, hours: 3_600_000,
  minute: 60_000, mi: 60_000, n: 60_000, minutes: 60_000,
  second: 1_000, ss: 1_000, s: 1_000, seconds: 1_000,
  millisecond: 1, ms: 1, milliseconds: 1,
  microsecond: 0.001, mcs: 0.001, microseconds: 0.001,
};
const UNIT_HINT = 'use day, hour, minute, second, millisecond or microsecond';

function nullLiteral(span: SourceSpan): BoundExpr {
  return { kind: 'Literal', value: null, type: 'any', span };
}

/**
 * Binds `call` as an analytic call, or returns undefined when it is an ordered aggregate
 * (`TopOne() OVER (ORDER BY …)`) that the caller reports as an aggregate without GROUP BY.
 */
export function bindAnalyticCall(call: FunctionCall, scope: Scope, env: BindEnv, bindExpression: BindFn): BoundExpr | undefined {
  const { diag } = env;
  const name = (call.name[call.name.length - 1] as { name: string }).name;
  const over = call.over;
  const def = call.name.length === 1 ? lookupAnalytic(name) : undefined;
  const rollingShape = over !== undefined && (over.limitDuration !== undefined || over.partitionBy.length > 0 || over.when !== undefined);
  const isAggregate = def !== undefined && def.name !== 'LAG' && def.name !== 'LAST' && def.name !== 'ISFIRST';
  if (def === undefined || (isAggregate && over === undefined)) {
    if (over !== undefined && !rollingShape && AGGREGATE_FUNCTIONS.has(name.toLowerCase())) return undefined;
    if (['anomalydetection_spikeanddip', 'anomalydetection_changepoint'].includes(name.toLowerCase())) {
      diag.unsupported(`the analytic function ${name.toUpperCase()}`, call.span);
    } else {
      diag.error('SLUICE_PLAN_OVER_FUNCTION', `${name} cannot be used with OVER (PARTITION BY … LIMIT DURATION …)`, over?.span ?? call.span, `the OVER clause takes LAG, LAST, ISFIRST and the aggregates ${ROLLING_AGGREGATES.join(', ')} (OVER page)`);
    }
    return nullLiteral(call.span);
  }
  if (isAggregate && !rollingShape) return undefined;
  if (scope.analytics === undefined) {
    diag.error('SLUICE_PLAN_ANALYTIC_PLACEMENT', `${def.name} cannot be used here`, call.span, 'an analytic function cannot be nested in another analytic function, TIMESTAMP BY or APPLY (LAG page: "scalar_expression can\'t contain other analytic functions")');
    return nullLiteral(call.span);
  }
  if (scope.aggregates !== undefined) {
    diag.error('SLUICE_PLAN_ANALYTIC_PLACEMENT', `${def.name} … OVER is evaluated on each event before GROUP BY: use it in WHERE, in GROUP BY or inside an aggregate, not directly in the SELECT list or HAVING of a GROUP BY`, call.span, 'compute it in a WITH step and group that step');
    return nullLiteral(call.span);
  }
  checkOver(call, def, env);
  // The call sees the FROM row only (slot 0) and no further analytic calls.
  const inner: Scope = { slots: scope.slots.slice(0, 1), hasGroupBy: false };
  const args = call.args;
  const count = args.length;
  if (count < def.minArgs || count > def.maxArgs) {
    const range = def.minArgs === def.maxArgs ? `${def.minArgs}` : `${def.minArgs} to ${def.maxArgs}`;
    diag.error('SLUICE_PLAN_ARITY', `function ${def.name} takes ${range} arguments, got ${count}`, call.span);
    return nullLiteral(call.span);
  }
  if (call.quantifier === 'DISTINCT') diag.error('SLUICE_PLAN_OVER_FUNCTION', `DISTINCT cannot be used in ${def.name} … OVER`, call.span);
  const partitionBy = (over?.partitionBy ?? []).map((e) => bindExpression(e, inner, env));
  const when = over?.when === undefined ? undefined : bindExpression(over.when, inner, env);
  const text = printExpression(call);
  let bound: AnalyticCall;
  if (def.name === 'ISFIRST') {
    const durationMs = isFirstInterval(args[0] as Expression, args[1] as Expression, env);
    bound = { fn: 'ISFIRST', arg: undefined, offset: 0, default: undefined, durationMs, partitionBy, when, type: 'bigint', text };
  } else {
    const durationMs = over?.limitDuration === undefined ? 0 : spanMs(over.limitDuration, env);
    const valueAst = args[0] as Expression;
    if (valueAst.kind === 'Star' && isAggregate) diag.error('SLUICE_PLAN_STAR_ARGUMENT', `\`*\` is not an argument of ${def.name}`, valueAst.span);
    // LAG/LAST(*): "the entire event … will be returned … (nested record)".
    const arg: BoundExpr = valueAst.kind === 'Star'
      ? { kind: 'Field', slot: 0, path: [], fallbackString: undefined, type: 'record', span: valueAst.span }
      : bindExpression(valueAst, inner, env);
    let offset = 0;
    let defaultAst: Expression | undefined;
    if (def.name === 'LAG') {
      offset = args[1] === undefined ? 1 : lagOffset(args[1], env);
      defaultAst = args[2];
    } else if (def.name === 'LAST') {
      defaultAst = args[1];
    }
    const dflt = defaultAst === undefined ? undefined : bindExpression(defaultAst, inner, env);
    const type = dflt === undefined ? def.returnType(arg.type) : unifyStaticTypes([def.returnType(arg.type), dflt.type]);
    bound = { fn: def.name, arg, offset, default: dflt, durationMs, partitionBy, when, type, text };
  }
  // "scalar_expression can't contain other analytic functions or external functions" (LAG, LAST pages).
  for (const e of [bound.arg, bound.default, bound.when, ...bound.partitionBy]) {
    const udf = e === undefined ? undefined : findUdf(e);
    if (udf !== undefined) diag.error('SLUICE_PLAN_ANALYTIC_PLACEMENT', `${def.name} … OVER cannot call the user-defined function udf.${udf.name}`, udf.span, 'compute the UDF in a WITH step and apply the analytic function to that step');
  }
  scope.analytics.push(bound);
  return { kind: 'AnalyticRef', index: scope.analytics.length - 1, type: bound.type, span: call.span };
}

/** Which parts of OVER the function takes (each function's Syntax section). */
function checkOver(call: FunctionCall, def: AnalyticDef, env: BindEnv): void {
  const over = call.over;
  if (over === undefined) {
    if (!def.overOptional) env.diag.error('SLUICE_PLAN_LIMIT_DURATION', `${def.name} needs OVER (LIMIT DURATION(unit, length))`, call.span, `for example ${def.name}(x) OVER (LIMIT DURATION(hour, 1)): its history is always bounded in time`);
    return;
  }
  if (over.orderBy.length > 0) env.diag.error('SLUICE_PLAN_OVER_FUNCTION', `${def.name} … OVER does not take ORDER BY`, (over.orderBy[0] as { span: SourceSpan }).span, 'events are taken in event-time order');
  if (def.limitDuration === 'required' && over.limitDuration === undefined) {
    env.diag.error('SLUICE_PLAN_LIMIT_DURATION', `${def.name} … OVER needs LIMIT DURATION(unit, length)`, over.span, 'the history of an analytic function is always bounded in time (LAG, LAST and OVER pages)');
  }
  if (def.limitDuration === 'forbidden' && over.limitDuration !== undefined) {
    env.diag.error('SLUICE_PLAN_LIMIT_DURATION', `${def.name} takes no LIMIT DURATION: its interval is its arguments`, over.limitDuration.span, `${def.name}(minute, 10) OVER ([PARTITION BY …] [WHEN …])`);
  }
}

/** LAG page: "The offset must be an integer greater than or equal to 1" (LAST page: LAG(…, 0, …) is not valid). */
function lagOffset(e: Expression, env: BindEnv): number {
  const n = e.kind === 'NumberLiteral' && e.numberType === 'bigint' ? Number(e.text) : undefined;
  if (n === undefined || !Number.isSafeInteger(n) || n < 1) {
    env.diag.error('SLUICE_PLAN_LAG_OFFSET', `the offset of LAG must be an integer constant of at least 1, got ${printExpression(e)}`, e.span, 'LAST(x) is the value of the current (latest) event: LAG(x, 0) is not valid (LAST page)');
    return 1;
  }
  return n;
}

/** ISFIRST(timeunit, duration): "A big integer which specifies the number of timeunits in the interval". */
function isFirstInterval(unitAst: Expression, amountAst: Expression, env: BindEnv): number {
  const unitName = unitAst.kind === 'ColumnRef' && unitAst.path.length === 1 ? unitAst.path[0]?.name : unitAst.kind === 'StringLiteral' ? unitAst.value : undefined;
  const unit = unitName === undefined ? undefined : UNIT_MS[unitName.toLowerCase()];
  if (unit === undefined) {
    env.diag.error('SLUICE_PLAN_TIME_UNIT', `ISFIRST needs a time unit as its first argument, got ${printExpression(unitAst)}`, unitAst.span, UNIT_HINT);
    return 1;
  }
  const n = amountAst.kind === 'NumberLiteral' && amountAst.numberType === 'bigint' ? Number(amountAst.text) : undefined;
  if (n === undefined || n < 1 || n * unit < 1) {
    env.diag.error('SLUICE_PLAN_WINDOW_SIZE', `the duration of ISFIRST must be a positive integer constant, got ${printExpression(amountAst)}`, amountAst.span);
    return 1;
  }
  return n * unit;
}

/** LIMIT DURATION(unit, length) in ms: a positive constant in a DATEDIFF unit. */
function spanMs(ts: TimeSpan, env: BindEnv): number {
  const unit = UNIT_MS[ts.unit.name.toLowerCase()];
  if (unit === undefined) {
    env.diag.error('SLUICE_PLAN_TIME_UNIT', `unknown time unit '${ts.unit.name}'`, ts.unit.span, UNIT_HINT);
    return 1;
  }
  const a = ts.amount;
  const amount = a.kind === 'NumberLiteral' ? Number(a.text) : undefined;
  if (amount === undefined || !(amount > 0)) {
    env.diag.error('SLUICE_PLAN_LIMIT_DURATION', 'the length of LIMIT DURATION must be a positive number constant', a.span);
    return 1;
  }
  return amount * unit;
}

/** The first JavaScript UDF call inside `e`, if any. */
function findUdf(e: BoundExpr): (BoundExpr & { kind: 'Udf' }) | undefined {
  switch (e.kind) {
    case 'Udf':
      return e;
    case 'Call':
      return firstOf(e.args);
    case 'MetadataProperty':
      return findUdf(e.property);
    case 'Cast':
    case 'IsNull':
      return findUdf(e.expr);
    case 'Case':
      return firstOf([...(e.operand ? [e.operand] : []), ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])]);
    case 'Unary':
      return findUdf(e.operand);
    case 'Binary':
      return firstOf([e.left, e.right]);
    case 'Like':
      return firstOf([e.expr, e.pattern]);
    case 'In':
      return firstOf([e.expr, ...e.list]);
    case 'Between':
      return firstOf([e.expr, e.low, e.high]);
    case 'Member':
      return findUdf(e.object);
    default:
      return undefined;
  }
}

function firstOf(es: readonly BoundExpr[]): (BoundExpr & { kind: 'Udf' }) | undefined {
  for (const e of es) {
    const u = findUdf(e);
    if (u !== undefined) return u;
  }
  return undefined;
}
