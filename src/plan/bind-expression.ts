// Binds one AST expression: resolves names against the scope, functions against the registry and the
// catalog's UDFs, and types every node. Errors are reported (all of them) and binding goes on with a
// NULL placeholder, so one pass finds every problem of the query.
import { isSluiceError, type SourceSpan } from '../common/index.ts';
import { bindScalarFunction, builtinFunctionNames, lookupAggregate, lookupScalarFunction, lookupTableFunction, type AggregateDef } from '../functions/index.ts';
import { parseTypeName, unifyStaticTypes, type AsaValue, type StaticType } from '../types/index.ts';
import { printExpression, type ColumnRef, type Expression, type FunctionCall } from '../sql/index.ts';
import { INPUT_METADATA_COLUMNS, type BoundExpr, type InputMetadataColumn } from './bound-expr.ts';
import type { AggregateCall } from './logical-plan.ts';
import { AGGREGATE_FUNCTIONS, ANALYTIC_FUNCTIONS } from './function-kinds.ts';
import { bindAnalyticCall } from './bind-analytic.ts';
import { reportAggregate } from './rules/aggregate-placement.ts';
import { checkFunctionPrefix } from './rules/function-prefix.ts';
import { findSlot, type BindEnv, type Scope } from './scope.ts';
import { didYouMean } from './suggest.ts';

function placeholder(span: SourceSpan): BoundExpr {
  return { kind: 'Literal', value: null, type: 'any', span };
}

function literal(value: AsaValue, type: StaticType, span: SourceSpan): BoundExpr {
  return { kind: 'Literal', value, type, span };
}

export function bindExpression(expr: Expression, scope: Scope, env: BindEnv): BoundExpr {
  switch (expr.kind) {
    case 'NumberLiteral':
      return bindNumber(expr.text, expr.numberType, expr.span, env);
    case 'StringLiteral':
      return literal(expr.value, 'nvarchar(max)', expr.span);
    case 'NullLiteral':
      return literal(null, 'null', expr.span);
    case 'ColumnRef':
      return bindColumnRef(expr, scope, env);
    case 'MemberAccess': {
      const object = bindExpression(expr.object, scope, env);
      return { kind: 'Member', object, name: expr.member.name, type: 'any', span: expr.span };
    }
    case 'Star':
      env.diag.error('SLUICE_PLAN_STAR_ARGUMENT', '`*` is only allowed as the argument of COUNT(*)', expr.span);
      return placeholder(expr.span);
    case 'FunctionCall':
      return bindCall(expr, scope, env);
    case 'Cast': {
      const inner = bindExpression(expr.expr, scope, env);
      const written = expr.type.param === undefined ? expr.type.name : `${expr.type.name}(${expr.type.param})`;
      const target = parseTypeName(written);
      if (target === undefined) {
        // CAST page: bigint, float, nvarchar(max), datetime, bit, record, array.
        env.diag.error('SLUICE_PLAN_UNKNOWN_TYPE', `unknown data type '${written}'`, expr.type.span, 'use bigint, float, nvarchar(max), datetime, bit, record or array');
        return placeholder(expr.span);
      }
      if (target === 'bit' && !env.compat.bitTypeAvailable) {
        env.diag.error('SLUICE_PLAN_UNKNOWN_TYPE', `the bit type needs compatibility level 1.2 (Data Types page)`, expr.type.span);
      }
      return { kind: 'Cast', tryCast: expr.tryCast, target, expr: inner, text: printExpression(expr.expr), type: target, span: expr.span };
    }
    case 'Case': {
      const operand = expr.operand === undefined ? undefined : bindExpression(expr.operand, scope, env);
      const whens = expr.whens.map((w) => ({ when: bindExpression(w.when, scope, env), then: bindExpression(w.then, scope, env) }));
      const elseExpr = expr.else === undefined ? undefined : bindExpression(expr.else, scope, env);
      // The result takes the highest-precedence type among the branches (CASE page).
      const type = unifyStaticTypes([...whens.map((w) => w.then.type), ...(elseExpr ? [elseExpr.type] : [])]);
      return { kind: 'Case', operand, whens, else: elseExpr, type, span: expr.span };
    }
    case 'Unary': {
      const operand = bindExpression(expr.operand, scope, env);
      const type: StaticType = expr.op === 'NOT' ? 'bit' : expr.op === '~' ? (operand.type === 'bit' ? 'bit' : 'bigint') : numericType(operand.type);
      return { kind: 'Unary', op: expr.op, operand, type, span: expr.span };
    }
    case 'Binary': {
      const left = bindExpression(expr.left, scope, env);
      const right = bindExpression(expr.right, scope, env);
      return { kind: 'Binary', op: expr.op, left, right, type: binaryType(expr.op, left.type, right.type), span: expr.span };
    }
    case 'Like':
      return { kind: 'Like', expr: bindExpression(expr.expr, scope, env), pattern: bindExpression(expr.pattern, scope, env), negated: expr.negated, type: 'bit', span: expr.span };
    case 'InList':
      return {
        kind: 'In',
        expr: bindExpression(expr.expr, scope, env),
        list: expr.list.map((e) => bindExpression(e, scope, env)),
        negated: expr.negated,
        type: 'bit',
        span: expr.span,
      };
    case 'Between':
      return {
        kind: 'Between',
        expr: bindExpression(expr.expr, scope, env),
        low: bindExpression(expr.low, scope, env),
        high: bindExpression(expr.high, scope, env),
        negated: expr.negated,
        type: 'bit',
        span: expr.span,
      };
    case 'IsNull':
      return { kind: 'IsNull', expr: bindExpression(expr.expr, scope, env), negated: expr.negated, type: 'bit', span: expr.span };
  }
}

function bindNumber(text: string, numberType: 'bigint' | 'float', span: SourceSpan, env: BindEnv): BoundExpr {
  if (numberType === 'float') return literal(Number(text), 'float', span);
  if (text.length <= 15) return literal(Number(text), 'bigint', span);
  const n = BigInt(text);
  if (n > 9223372036854775807n) {
    env.diag.error('SLUICE_PLAN_NUMBER_RANGE', `the number ${text} does not fit in a 64-bit bigint`, span, 'write it with a decimal point to make it a float');
    return placeholder(span);
  }
  return literal(n <= 9007199254740991n ? Number(n) : n, 'bigint', span);
}

function numericType(t: StaticType): StaticType {
  return t === 'bigint' || t === 'float' ? t : t === 'bit' ? 'bigint' : 'any';
}

function binaryType(op: string, l: StaticType, r: StaticType): StaticType {
  switch (op) {
    case 'AND':
    case 'OR':
    case '=':
    case '<>':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '!<':
    case '!>':
      return 'bit';
    case '&':
    case '|':
    case '^':
      // "bit if both input values are bit, bigint if one or both input values are bigint" (Bitwise AND page).
      return l === 'bit' && r === 'bit' ? 'bit' : 'bigint';
    default:
      break;
  }
  if (op === '+' && l === 'nvarchar(max)' && r === 'nvarchar(max)') return 'nvarchar(max)';
  if (l === 'float' || r === 'float') return 'float';
  if ((l === 'bigint' || l === 'bit') && (r === 'bigint' || r === 'bit')) return 'bigint';
  return l === 'null' || r === 'null' ? 'null' : 'any';
}

function metadataColumn(name: string): InputMetadataColumn | undefined {
  const lower = name.toLowerCase();
  return INPUT_METADATA_COLUMNS.find((c) => c.toLowerCase() === lower);
}

/** Resolves `a`, `i.a`, `a.b.c`, `"quoted"` (SELECT page; "field references match fields in any case"). */
function bindColumnRef(ref: ColumnRef, scope: Scope, env: BindEnv): BoundExpr {
  const parts = ref.path.map((p) => p.name);
  const first = parts[0] as string;
  // Legacy System.Timestamp without parentheses (System.Timestamp page).
  if (parts.length === 2 && first.toLowerCase() === 'system' && (parts[1] as string).toLowerCase() === 'timestamp') {
    return { kind: 'Timestamp', type: 'datetime', span: ref.span };
  }
  if (parts.length === 1) {
    const alias = scope.selectAliases?.get(first.toLowerCase());
    if (alias !== undefined) return alias;
  }
  let slot = findSlot(scope, first);
  let path: string[];
  if (slot >= 0 && (ref.path[0]?.quote !== 'double' || parts.length > 1)) {
    path = parts.slice(1);
  } else {
    // An unqualified name: an APPLY column if one has it, else a field of the FROM row.
    slot = scope.slots.findIndex((s) => s.kind === 'apply' && s.columns?.some((c) => c.toLowerCase() === first.toLowerCase()) === true);
    if (slot < 0) slot = 0;
    path = parts;
  }
  const source = scope.slots[slot];
  if (source === undefined) return placeholder(ref.span);
  const field = path[0];
  if (field !== undefined && source.kind === 'input' && path.length === 1) {
    const meta = metadataColumn(field);
    if (meta !== undefined) return { kind: 'InputMetadata', column: meta, type: meta === 'PartitionId' ? 'bigint' : 'datetime', span: ref.span };
  }
  if (field !== undefined && source.columns !== undefined && !source.columns.some((c) => c.toLowerCase() === field.toLowerCase())) {
    if (ref.path.length === 1 && ref.path[0]?.quote === 'double') return literal(first, 'nvarchar(max)', ref.span);
    const where = source.kind === 'apply' ? `APPLY '${source.alias}'` : `step '${source.alias}'`;
    env.diag.error('SLUICE_PLAN_UNKNOWN_COLUMN', `column '${field}' is not produced by ${where}`, ref.span, didYouMean(field, source.columns) ?? `its columns: ${source.columns.join(', ')}`);
    return placeholder(ref.span);
  }
  const fallback = ref.path.length === 1 && ref.path[0]?.quote === 'double' ? first : undefined;
  // A field declared by CREATE TABLE has its declared type (rows that do not fit never get here).
  const declared = field !== undefined && path.length === 1 ? source.types?.get(field.toLowerCase()) : undefined;
  return { kind: 'Field', slot, path, fallbackString: fallback, type: declared ?? 'any', span: ref.span };
}

function bindCall(call: FunctionCall, scope: Scope, env: BindEnv): BoundExpr {
  const names = call.name.map((n) => n.name);
  const last = names[names.length - 1] as string;
  const lower = last.toLowerCase();
  const prefix = names.length > 1 ? (names[0] as string).toLowerCase() : undefined;
  const { diag } = env;
  if (prefix === 'udf' && names.length === 2) return bindUdf(call, last, scope, env);
  if (prefix === 'uda' && names.length === 2) return bindUda(call, last, scope, env);
  if (prefix === 'system' && names.length === 2) {
    if (lower === 'timestamp') {
      if (call.args.length > 0) diag.error('SLUICE_PLAN_ARITY', 'System.Timestamp() takes no arguments', call.span);
      return { kind: 'Timestamp', type: 'datetime', span: call.span };
    }
    if (lower === 'window' && scope.aggregates !== undefined) {
      if (call.args.length > 0) diag.error('SLUICE_PLAN_ARITY', 'System.Window() takes no arguments', call.span);
      return { kind: 'WindowRecord', type: 'record', span: call.span };
    }
    if (lower === 'window') {
      diag.unsupported('System.Window() (it needs GROUP BY Windows(…))', call.span);
      return placeholder(call.span);
    }
  }
  const aggregate = AGGREGATE_FUNCTIONS.has(lower) ? lookupAggregate(lower) : undefined;
  const over = call.over;
  const orderedAggregate = over !== undefined && aggregate?.orderBy === 'required' && over.partitionBy.length === 0 && over.limitDuration === undefined && over.when === undefined;
  if (aggregate !== undefined && scope.aggregates !== undefined && (over === undefined || orderedAggregate)) {
    return bindAggregate(call, aggregate, scope.aggregates, scope, env);
  }
  if (call.over !== undefined || ANALYTIC_FUNCTIONS.has(lower)) {
    // LAG, LAST, ISFIRST and SUM/AVG/MIN/MAX OVER (… LIMIT DURATION …) (bind-analytic.ts).
    const analytic = bindAnalyticCall(call, scope, env, bindExpression);
    if (analytic !== undefined) return analytic;
  }
  if (AGGREGATE_FUNCTIONS.has(lower)) {
    reportAggregate(last, scope.hasGroupBy, call.span, diag);
    return placeholder(call.span);
  }
  if (checkFunctionPrefix(names, env.compat, call.span, diag)) return placeholder(call.span);
  if (lower === 'getmetadatapropertyvalue') return bindMetadataProperty(call, scope, env);
  const table = lookupTableFunction(last);
  if (table !== undefined) {
    diag.error('SLUICE_PLAN_TABLE_FUNCTION', `${table.name} returns rows and can only be used with CROSS APPLY or OUTER APPLY`, call.span);
    return placeholder(call.span);
  }
  const def = lookupScalarFunction(last);
  if (def === undefined) {
    diag.error('SLUICE_PLAN_UNKNOWN_FUNCTION', `unknown function '${names.join('.')}'`, call.span, didYouMean(last, builtinFunctionNames()) ?? 'user-defined functions are called as udf.name(…)');
    return placeholder(call.span);
  }
  let datePart: string | undefined;
  const args: BoundExpr[] = [];
  call.args.forEach((a, i) => {
    if (i === def.datePartArg) {
      if (a.kind === 'ColumnRef' && a.path.length === 1) datePart = a.path[0]?.name;
      else if (a.kind === 'StringLiteral') datePart = a.value;
      else diag.error('SLUICE_PLAN_DATEPART', `${def.name} needs a date part such as minute or day as argument ${i + 1}`, a.span);
      args.push(literal(null, 'null', a.span));
    } else {
      args.push(bindExpression(a, scope, env));
    }
  });
  try {
    const bound = bindScalarFunction(def.name, {
      argTypes: args.map((a) => a.type),
      ...(datePart !== undefined ? { datePart } : {}),
      compat: env.compat,
    });
    return { kind: 'Call', name: def.name, datePart, args, type: bound.returnType, span: call.span };
  } catch (err) {
    if (!isSluiceError(err)) throw err;
    const code = err.code === 'SLUICE_FUNC_ARITY' ? 'SLUICE_PLAN_ARITY' : err.code === 'SLUICE_FUNC_DATEPART' ? 'SLUICE_PLAN_DATEPART' : err.code;
    diag.error(code, err.message, call.span, err.hint);
    return placeholder(call.span);
  }
}

function bindUdf(call: FunctionCall, name: string, scope: Scope, env: BindEnv): BoundExpr {
  const args = call.args.map((a) => bindExpression(a, scope, env));
  const fn = env.catalog.functions.find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (fn === undefined || fn.kind !== 'udf') {
    const udfs = env.catalog.functions.filter((f) => f.kind === 'udf').map((f) => f.name);
    env.diag.error('SLUICE_PLAN_UNKNOWN_FUNCTION', fn?.kind === 'uda' ? `'${name}' is a user-defined aggregate: call it as uda.${name}` : `unknown user-defined function 'udf.${name}'`, call.span, didYouMean(name, udfs) ?? (udfs.length ? `UDFs of this job: ${udfs.join(', ')}` : 'this job defines no JavaScript UDF'));
    return placeholder(call.span);
  }
  env.udfsUsed.set(fn.name.toLowerCase(), { name: fn.name, source: fn.source });
  return { kind: 'Udf', name: fn.name, args, type: 'any', span: call.span };
}

/** GetMetadataPropertyValue(input, 'property') — the input must be this SELECT's FROM input. */
function bindMetadataProperty(call: FunctionCall, scope: Scope, env: BindEnv): BoundExpr {
  if (call.args.length !== 2) {
    env.diag.error('SLUICE_PLAN_ARITY', `function GetMetadataPropertyValue takes 2 arguments, got ${call.args.length}`, call.span);
    return placeholder(call.span);
  }
  const source = call.args[0] as Expression;
  const slot = source.kind === 'ColumnRef' && source.path.length === 1 ? findSlot(scope, source.path[0]?.name ?? '') : -1;
  if (slot !== 0 || scope.slots[0]?.kind !== 'input') {
    env.diag.error('SLUICE_PLAN_METADATA_SOURCE', 'the first argument of GetMetadataPropertyValue must name the input this SELECT reads', source.span);
    return placeholder(call.span);
  }
  const property = bindExpression(call.args[1] as Expression, scope, env);
  return { kind: 'MetadataProperty', property, type: 'any', span: call.span };
}


/**
 * An aggregate in the SELECT list or HAVING of a GROUP BY (Aggregate functions page): binds its
 * argument (where another aggregate is an error), its constant arguments (CollectTop's n,
 * PERCENTILE's p) and its OVER (ORDER BY …), records it and returns a reference to its result.
 */
function bindAggregate(call: FunctionCall, def: AggregateDef, collected: AggregateCall[], scope: Scope, env: BindEnv): BoundExpr {
  const { diag } = env;
  // Analytic calls inside an aggregate run per event before GROUP BY (LAG page).
  const inner: Scope = scope.analytics === undefined ? { slots: scope.slots, hasGroupBy: true } : { slots: scope.slots, hasGroupBy: true, analytics: scope.analytics };
  const args = call.args;
  const star = args.length === 1 && args[0]?.kind === 'Star';
  const count = star ? 0 : args.length;
  if (star && def.name !== 'COUNT') diag.error('SLUICE_PLAN_STAR_ARGUMENT', '`*` is only allowed as the argument of COUNT(*)', call.span);
  if (count < def.minArgs || count > def.maxArgs) {
    const range = def.minArgs === def.maxArgs ? `${def.minArgs}` : `${def.minArgs} to ${def.maxArgs}`;
    diag.error('SLUICE_PLAN_ARITY', `the aggregate ${def.name} takes ${range} argument${def.maxArgs === 1 ? '' : 's'}, got ${count}`, call.span);
  }
  const constants: AsaValue[] = [];
  for (let i = 0; i < def.constantArgs && i < count; i++) {
    const c = bindExpression(args[i] as Expression, inner, env);
    if (c.kind !== 'Literal' || (typeof c.value !== 'number' && typeof c.value !== 'bigint')) {
      diag.error('SLUICE_PLAN_AGGREGATE_ARGUMENT', `argument ${i + 1} of ${def.name} must be a number constant`, (args[i] as Expression).span);
    } else {
      constants.push(c.value);
    }
  }
  const valueAst = star ? undefined : args[def.constantArgs];
  const arg = valueAst === undefined ? undefined : bindExpression(valueAst, inner, env);
  if (arg === undefined && !def.wholeEvent && count >= def.minArgs && def.constantArgs === 0) {
    diag.error('SLUICE_PLAN_ARITY', `the aggregate ${def.name} needs an argument`, call.span);
  }
  const orderBy = (call.over?.orderBy ?? []).map((o) => ({ expr: bindExpression(o.expr, inner, env), descending: o.direction === 'DESC' }));
  if (def.orderBy === 'required' && orderBy.length === 0) {
    diag.error('SLUICE_PLAN_AGGREGATE_ORDER', `${def.name} needs OVER (ORDER BY …)`, call.span, `write ${def.name}(…) OVER (ORDER BY column)`);
  }
  const distinct = call.quantifier === 'DISTINCT';
  if (distinct && def.name !== 'COUNT') diag.unsupported(`DISTINCT in ${def.name}`, call.span);
  const type = def.returnType(arg?.type ?? (def.wholeEvent && def.name !== 'COUNT' ? 'record' : 'any'), orderBy[0]?.expr.type ?? 'any');
  collected.push({ name: def.name, distinct, arg, constants, orderBy, type, text: printExpression(call) });
  return { kind: 'AggregateRef', index: collected.length - 1, type, span: call.span };
}

/**
 * uda.name(value) in the SELECT list or HAVING of a GROUP BY: a JavaScript user-defined aggregate
 * (https://learn.microsoft.com/azure/stream-analytics/stream-analytics-javascript-user-defined-aggregates),
 * one value argument; recorded as the aggregate `uda.<name>` (compile/ asks the UDF host for it).
 */
function bindUda(call: FunctionCall, name: string, scope: Scope, env: BindEnv): BoundExpr {
  const { diag } = env;
  const fn = env.catalog.functions.find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (fn === undefined || fn.kind !== 'uda') {
    const udas = env.catalog.functions.filter((f) => f.kind === 'uda').map((f) => f.name);
    diag.error('SLUICE_PLAN_UNKNOWN_FUNCTION', fn?.kind === 'udf' ? `'${name}' is a user-defined function: call it as udf.${name}` : `unknown user-defined aggregate 'uda.${name}'`, call.span, didYouMean(name, udas) ?? (udas.length ? `UDAs of this job: ${udas.join(', ')}` : 'this job defines no JavaScript UDA (Functions/<name>.js.json with "Type": "Aggregate")'));
    return placeholder(call.span);
  }
  if (scope.aggregates === undefined) {
    reportAggregate(`uda.${fn.name}`, scope.hasGroupBy, call.span, diag);
    return placeholder(call.span);
  }
  if (call.over !== undefined) diag.unsupported(`uda.${fn.name} … OVER (a UDA aggregates a GROUP BY window)`, call.span);
  if (call.args.length !== 1 || call.args[0]?.kind === 'Star') {
    diag.error('SLUICE_PLAN_ARITY', `the user-defined aggregate uda.${fn.name} takes 1 argument, got ${call.args[0]?.kind === 'Star' ? '*' : call.args.length}`, call.span);
    return placeholder(call.span);
  }
  const arg = bindExpression(call.args[0] as Expression, { slots: scope.slots, hasGroupBy: true }, env);
  const collected = scope.aggregates;
  collected.push({ name: `uda.${fn.name}`, distinct: false, arg, constants: [], orderBy: [], type: 'any', text: printExpression(call) });
  return { kind: 'AggregateRef', index: collected.length - 1, type: 'any', span: call.span };
}
