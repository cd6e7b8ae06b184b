// The plan's Analytic node → an AnalyticOperator: each call's value, default, PARTITION BY key and
// WHEN become closures over the FROM row; the operator keeps each call's history (runtime/analytic).
import type { AnalyticNode } from '../plan/index.ts';
import { AnalyticOperator, type AnalyticCallProgram, type EvalContext, type Evaluator } from '../runtime/index.ts';
import { parseDateTime } from '../types/index.ts';
import { compileKey } from './compile-aggregation.ts';
import type { CompileContext } from './compile-context.ts';
import { compileExpression, compilePredicate } from './compile-expression.ts';

export function compileAnalyticOperator(node: AnalyticNode, cx: CompileContext, name: string, now: () => number): AnalyticOperator {
  // Calls with the same PARTITION BY share one key function, which the operator runs once per event.
  const keys = new Map<string, (ctx: EvalContext) => string>();
  const keyOf = (exprs: AnalyticNode['calls'][number]['partitionBy']): ((ctx: EvalContext) => string) | undefined => {
    if (exprs.length === 0) return undefined;
    const text = JSON.stringify(exprs, (k, v: unknown) => (k === 'span' ? undefined : typeof v === 'bigint' ? `${v}n` : v));
    let fn = keys.get(text);
    if (fn === undefined) {
      fn = compileKey(exprs.map((e) => compileExpression(e, cx)));
      keys.set(text, fn);
    }
    return fn;
  };
  const calls: AnalyticCallProgram[] = node.calls.map((c) => {
    let value: Evaluator | undefined = c.arg === undefined ? undefined : compileExpression(c.arg, cx);
    if (value !== undefined && c.arg?.type === 'datetime' && (c.fn === 'MIN' || c.fn === 'MAX')) value = asDateTime(value);
    return {
      fn: c.fn,
      value,
      offset: c.offset,
      dflt: c.default === undefined ? undefined : compileExpression(c.default, cx),
      durationMs: c.durationMs,
      key: keyOf(c.partitionBy),
      when: c.when === undefined ? undefined : compilePredicate(c.when, cx),
    };
  });
  return new AnalyticOperator(name, calls, now);
}

/** A datetime-typed value that is still text compares by time in MIN/MAX (as compile-aggregation does). */
function asDateTime(e: Evaluator): Evaluator {
  return (ctx) => {
    const v = e(ctx);
    return typeof v === 'string' ? (parseDateTime(v) ?? v) : v;
  };
}
