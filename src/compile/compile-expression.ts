// Bound expressions → closures, once per query: nothing walks the AST per event. Each closure reads
// the operator's EvalContext. Semantics follow src/types (three-valued logic, ASA arithmetic typing,
// CAST/TRY_CAST, comparison) and the function registry; errors raised at run time get the span of
// the expression that raised them.
import { SluiceError } from '../common/index.ts';
import { like } from '../functions/index.ts';
import type { BoundExpr } from '../plan/index.ts';
import { lookupField, memberOf, type EvalContext, type Evaluator, type Predicate } from '../runtime/index.ts';
import {
  AsaDateTime,
  and3,
  bitwiseNot,
  cast,
  compareValues,
  negate,
  not3,
  sqlEquals,
  tryCast,
  type AsaValue,
} from '../types/index.ts';
import { withSpan, type CompileContext } from './compile-context.ts';
import { compileBinary, compileCase } from './compile-operators.ts';
import { toBool3 } from './to-bool3.ts';

export function compilePredicate(expr: BoundExpr, cx: CompileContext): Predicate {
  const e = compileExpression(expr, cx);
  const { span } = expr;
  return (ctx: EvalContext): boolean => {
    const v = e(ctx);
    if (v === true) return true;
    if (v === false || v === null) return false;
    try {
      return toBool3(v) === true;
    } catch (err) {
      return withSpan(err, span, cx.sourceText);
    }
  };
}

export function compileExpression(expr: BoundExpr, cx: CompileContext): Evaluator {
  switch (expr.kind) {
    case 'Literal': {
      const v = expr.value;
      return () => v;
    }
    case 'Field':
      return compileField(expr.slot, expr.path, expr.fallbackString);
    case 'InputMetadata':
      switch (expr.column) {
        case 'EventEnqueuedUtcTime':
          return (ctx) => {
            const ms = ctx.arrivalMs();
            return ms === null ? null : AsaDateTime.fromEpochMs(ms);
          };
        case 'EventProcessedUtcTime':
          return (ctx) => AsaDateTime.fromEpochMs(ctx.processedMs);
        case 'PartitionId':
          return (ctx) => ctx.partitionId();
      }
      break;
    case 'Timestamp': {
      const slot = expr.slot;
      if (slot === undefined) {
        // A window's results all carry its end: the last value is kept (datetimes are immutable).
        let last = AsaDateTime.fromEpochMs(0);
        return (ctx) => (last.epochMs === ctx.timeMs ? last : (last = AsaDateTime.fromEpochMs(ctx.timeMs)));
      }
      // One JOIN side's event time (DATEDIFF over two aliases, JOIN page).
      return (ctx) => AsaDateTime.fromEpochMs(ctx.slotTimes[slot] ?? ctx.timeMs);
    }
    case 'AggregateRef': {
      const i = expr.index;
      return (ctx) => ctx.aggregates[i] ?? null;
    }
    case 'AnalyticRef': {
      // Results of the analytic calls for the current event, put there by the AnalyticOperator upstream.
      const i = expr.index;
      return (ctx) => ctx.analytics[ctx.analyticsRow * ctx.analyticsStride + i] ?? null;
    }
    case 'WindowRecord':
      // System.Window() is a record { Id }; Id is NULL when the windows have no ids (Windows page).
      return (ctx) => ({ Id: ctx.windowId });
    case 'Call': {
      if (expr.name === 'COALESCE') {
        // Short-circuit: later arguments are not evaluated (so cannot fail) once one is non-NULL.
        const args = expr.args.map((a) => compileExpression(a, cx));
        return (ctx) => {
          for (let i = 0; i < args.length; i++) {
            const v = (args[i] as Evaluator)(ctx);
            if (v !== null) return v;
          }
          return null;
        };
      }
      const bound = cx.functions.bindScalarFunction(expr.name, {
        argTypes: expr.args.map((a) => a.type),
        ...(expr.datePart !== undefined ? { datePart: expr.datePart } : {}),
        compat: cx.compat,
      });
      const invoke = bound.invoke;
      const args = expr.args.map((a) => compileExpression(a, cx));
      const scratch: AsaValue[] = new Array<AsaValue>(args.length).fill(null);
      const { span } = expr;
      return (ctx) => {
        for (let i = 0; i < args.length; i++) scratch[i] = (args[i] as Evaluator)(ctx);
        try {
          return invoke(scratch);
        } catch (err) {
          return withSpan(err, span, cx.sourceText);
        }
      };
    }
    case 'Udf': {
      const host = cx.udfHost;
      if (host === undefined) {
        throw new SluiceError('SLUICE_COMPILE_NO_UDF_HOST', `the query calls udf.${expr.name} but no UDF host was given to compilePlan`, { domain: 'internal' });
      }
      const call = host.bind(expr.name);
      const args = expr.args.map((a) => compileExpression(a, cx));
      const { span } = expr;
      return (ctx) => {
        // A fresh array per call: the host converts it into the UDF's realm anyway.
        const values: AsaValue[] = new Array<AsaValue>(args.length);
        for (let i = 0; i < args.length; i++) values[i] = (args[i] as Evaluator)(ctx);
        try {
          return call(values);
        } catch (err) {
          return withSpan(err, span, cx.sourceText);
        }
      };
    }
    case 'MetadataProperty': {
      const prop = compileExpression(expr.property, cx);
      return (ctx) => {
        const p = prop(ctx);
        return typeof p === 'string' ? ctx.metadata(p) : null;
      };
    }
    case 'Cast': {
      const inner = compileExpression(expr.expr, cx);
      const target = expr.target;
      if (expr.tryCast) return (ctx) => tryCast(inner(ctx), target);
      const site = { expression: expr.text, span: expr.span, sourceText: cx.sourceText };
      return (ctx) => cast(inner(ctx), target, site);
    }
    case 'Case':
      return compileCase(
        expr.operand === undefined ? undefined : compileExpression(expr.operand, cx),
        expr.whens.map((w) => ({ when: compileExpression(w.when, cx), then: compileExpression(w.then, cx) })),
        expr.else === undefined ? undefined : compileExpression(expr.else, cx),
      );
    case 'Unary': {
      const operand = compileExpression(expr.operand, cx);
      const { span } = expr;
      switch (expr.op) {
        case '+':
          return operand;
        case 'NOT':
          return (ctx) => not3(toBool3(operand(ctx)));
        case '~':
          return (ctx) => bitwiseNot(operand(ctx));
        case '-': {
          const isFloat = expr.operand.type === 'float';
          return (ctx) => {
            try {
              return negate(operand(ctx), isFloat);
            } catch (err) {
              return withSpan(err, span, cx.sourceText);
            }
          };
        }
      }
      break;
    }
    case 'Binary':
      return compileBinary(expr, compileExpression(expr.left, cx), compileExpression(expr.right, cx), cx);
    case 'Like': {
      const value = compileExpression(expr.expr, cx);
      const pattern = compileExpression(expr.pattern, cx);
      const negated = expr.negated;
      return (ctx) => {
        const r = like(value(ctx), pattern(ctx));
        return negated ? not3(r) : r;
      };
    }
    case 'In': {
      const value = compileExpression(expr.expr, cx);
      const list = expr.list.map((e) => compileExpression(e, cx));
      const negated = expr.negated;
      return (ctx) => {
        const v = value(ctx);
        if (v === null) return null;
        let unknown = false;
        for (let i = 0; i < list.length; i++) {
          const eq = sqlEquals(v, (list[i] as Evaluator)(ctx));
          if (eq === true) return !negated;
          if (eq === null) unknown = true;
        }
        return unknown ? null : negated;
      };
    }
    case 'Between': {
      const value = compileExpression(expr.expr, cx);
      const low = compileExpression(expr.low, cx);
      const high = compileExpression(expr.high, cx);
      const negated = expr.negated;
      const { span } = expr;
      return (ctx) => {
        try {
          const v = value(ctx);
          const lo = compareValues(v, low(ctx));
          const hi = compareValues(v, high(ctx));
          const r = and3(lo === null ? null : lo >= 0, hi === null ? null : hi <= 0);
          return negated ? not3(r) : r;
        } catch (err) {
          return withSpan(err, span, cx.sourceText);
        }
      };
    }
    case 'IsNull': {
      const value = compileExpression(expr.expr, cx);
      return expr.negated ? (ctx) => value(ctx) !== null : (ctx) => value(ctx) === null;
    }
    case 'Member': {
      const object = compileExpression(expr.object, cx);
      const name = expr.name;
      return (ctx) => memberOf(object(ctx), name);
    }
  }
  throw new SluiceError('SLUICE_INTERNAL', `cannot compile expression kind ${(expr as { kind: string }).kind}`, { domain: 'internal' });
}

const UNSAFE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A field read: exact spelling by hash lookup first, then without case (field-access.ts). */
function compileField(slot: number, path: readonly string[], fallback: string | undefined): Evaluator {
  const first = path[0];
  if (first === undefined) return (ctx) => ctx.slots[slot] ?? null;
  const direct = !UNSAFE_NAMES.has(first);
  const rest = path.slice(1);
  const missing: AsaValue = fallback ?? null;
  return (ctx) => {
    const row = ctx.slots[slot];
    if (row === null || row === undefined) return missing;
    let v = direct ? row[first] : undefined;
    if (v === undefined) v = lookupField(row, first);
    if (v === undefined) return missing;
    for (let i = 0; i < rest.length; i++) v = memberOf(v, rest[i] as string);
    return v ?? null;
  };
}

