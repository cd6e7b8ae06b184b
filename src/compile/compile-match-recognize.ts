// MatchRecognizeNode → MatchRecognizeOperator: the pattern becomes an NFA once, DEFINE conditions and
// MEASURES become closures reading the event (slot 0) and the match's aggregates (AggregateRef).
import { SluiceError } from '../common/index.ts';
import type { BoundExpr, MatchRecognizeNode } from '../plan/index.ts';
import { compileNfa, MatchRecognizeOperator, type MatchRecognizeProgram } from '../runtime/index.ts';
import type { CompileContext } from './compile-context.ts';
import { compileExpression, compilePredicate } from './compile-expression.ts';

/** Whether a bound expression reads a pattern aggregate (then DEFINE results depend on each thread's history). */
function readsAggregates(e: unknown): boolean {
  if (Array.isArray(e)) return e.some(readsAggregates);
  if (e === null || typeof e !== 'object') return false;
  const o = e as Record<string, unknown>;
  if (o['kind'] === 'AggregateRef') return true;
  if (o['kind'] === 'Literal') return false;
  return Object.entries(o).some(([k, v]) => k !== 'span' && readsAggregates(v));
}

/** Compiles the node once; each call of the result is a fresh operator (one per substream key under OVER). */
export function compileMatchRecognize(node: MatchRecognizeNode, cx: CompileContext, now: () => number, label: string): () => MatchRecognizeOperator {
  let nfa;
  try {
    nfa = compileNfa(node.pattern);
  } catch (err) {
    throw new SluiceError('SLUICE_PLAN_MR_QUANTIFIER', `PATTERN (${node.patternText}) is too large: ${(err as Error).message}`, { domain: 'user', span: node.span, sourceText: cx.sourceText });
  }
  const name = (n: string): string => (cx.compat.lowerCaseFieldNames ? n.toLowerCase() : n);
  const conditions = node.variables.map((v) => (v.condition === undefined ? undefined : compilePredicate(v.condition, cx)));
  const program: MatchRecognizeProgram = {
    nfa,
    variables: node.variables.map((v) => v.name),
    conditions,
    historyDependent: node.variables.some((v) => v.condition !== undefined && readsAggregates(v.condition as BoundExpr)),
    aggregates: node.aggregates.map((a) => ({ fn: a.fn, variable: a.variable, path: a.path })),
    limitMs: node.limitMs,
    partitionBy: node.partitionBy.map((e) => compileExpression(e, cx)),
    // Compatibility level 1.0 lower-cases field names, measure aliases included (as outputName does).
    partitionNames: node.partitionNames.map(name),
    measures: node.measures.map((m) => ({ name: name(m.name), expr: compileExpression(m.expr, cx) })),
  };
  return () => new MatchRecognizeOperator(`${label} match_recognize ${node.alias}`, program, now);
}
