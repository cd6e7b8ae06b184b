// Binds `input MATCH_RECOGNIZE (…) AS T` (learn.microsoft.com/stream-analytics-query/match-recognize-stream-analytics)
// into a MatchRecognizeNode over the input's Scan. The pattern variables are those of PATTERN; DEFINE may
// only name them ("unknown variable"), and a definition may only read variables defined before it
// ("Defined patterns can only be accessed in order"). In DEFINE and MEASURES:
// - `Min|Max|First|Last(V.field)` and `Classifier()` become AggregateRef slots the operator fills; an
//   aggregate takes a single field only ("Only a single field can be supplied", Limitations);
// - `V.field` of the variable being defined is the current event ("the current event being evaluated
//   binds to the pattern variable"); of another variable (and in MEASURES) it is Last(V.field).
// The expressions are rewritten on the AST, then bound by bindExpression against the input (slot 0).
import type { SourceSpan } from '../common/index.ts';
import {
  columnRef, identifier, nullLiteral, printExpression, transform,
  type AstNode, type Expression, type MatchRecognize, type Pattern,
} from '../sql/index.ts';
import { bindExpression } from './bind-expression.ts';
import type { BoundExpr } from './bound-expr.ts';
import { AGGREGATE_FUNCTIONS } from './function-kinds.ts';
import type { MatchPatternNode, MatchRecognizeNode, RelNode } from './logical-plan.ts';
import type { BindEnv, Scope, ScopeSlot } from './scope.ts';
import { didYouMean } from './suggest.ts';

type Aggregate = MatchRecognizeNode['aggregates'][number];

const UNIT_MS: Readonly<Record<string, number>> = {
  day: 86_400_000, dd: 86_400_000, d: 86_400_000, days: 86_400_000,
  hour: 3_600_000, hh: 3_600_000, hours: 3_600_000,
  minute: 60_000, mi: 60_000, n: 60_000, minutes: 60_000,
  second: 1_000, ss: 1_000, s: 1_000, seconds: 1_000,
  millisecond: 1, ms: 1, milliseconds: 1,
};

/** `{n,m}` bounds beyond this are refused: the NFA unrolls every repetition. */
const MAX_REPEAT = 1000;
const PLACEHOLDER = '\u0001mr';
const METHODS = new Set(['min', 'max', 'first', 'last']);

export interface BoundMatchRecognize {
  readonly node: MatchRecognizeNode;
  /** The FROM slot the rest of the SELECT sees: the match rows, named by the MATCH_RECOGNIZE alias. */
  readonly slot: ScopeSlot;
}

export function bindMatchRecognize(mr: MatchRecognize, input: RelNode, inputSlot: ScopeSlot, env: BindEnv): BoundMatchRecognize {
  const diag = env.diag;
  const variables: string[] = [];
  const indexOf = (name: string): number => variables.findIndex((v) => v.toLowerCase() === name.toLowerCase());
  const pattern = convertPattern(mr.pattern, variables, env);
  const defineOrder = new Map<string, number>();
  mr.define.forEach((d, i) => {
    const lower = d.name.name.toLowerCase();
    if (indexOf(d.name.name) < 0) {
      diag.error('SLUICE_PLAN_MR_UNKNOWN_VARIABLE', `DEFINE names '${d.name.name}', which is not a variable of PATTERN`, d.name.span, didYouMean(d.name.name, variables) ?? `PATTERN's variables: ${variables.join(', ') || '(none)'}`);
    } else if (defineOrder.has(lower)) {
      diag.error('SLUICE_PLAN_MR_DUPLICATE_DEFINE', `'${d.name.name}' is defined twice`, d.name.span);
    } else {
      defineOrder.set(lower, i);
    }
  });
  const aggregates: Aggregate[] = [];
  const scope: Scope = { slots: [inputSlot], hasGroupBy: false };
  /** Rewrites one DEFINE (current = its variable) or MEASURES (current undefined) expression, then binds it. */
  const bindRewritten = (expr: Expression, current: string | undefined): BoundExpr => {
    const myOrder = current === undefined ? Infinity : (defineOrder.get(current.toLowerCase()) ?? Infinity);
    const checkOrder = (v: string, span: SourceSpan): void => {
      const o = defineOrder.get(v.toLowerCase());
      if (current !== undefined && o !== undefined && o > myOrder) {
        diag.error('SLUICE_PLAN_MR_DEFINE_ORDER', `the definition of '${current}' cannot read '${v}', which is defined after it`, span, 'Defined patterns can only be accessed in order (MATCH_RECOGNIZE page, DEFINE)');
      }
    };
    const slotFor = (fn: Aggregate['fn'], variable: number, path: readonly string[], text: string, span: SourceSpan): Expression => {
      let i = aggregates.findIndex((a) => a.fn === fn && a.variable === variable && a.path.join('.').toLowerCase() === path.join('.').toLowerCase());
      if (i < 0) {
        aggregates.push({ fn, variable, path, text });
        i = aggregates.length - 1;
      }
      return columnRef({ path: [identifier(`${PLACEHOLDER}${i}`, 'bracket', span)], span });
    };
    // Pass 1: aggregate methods and Classifier() (their arguments are still as written).
    const pass1 = transform(expr, (node: AstNode): AstNode | undefined => {
      if (node.kind !== 'FunctionCall' || node.name.length !== 1 || node.over !== undefined) return undefined;
      const name = (node.name[0] as { name: string }).name.toLowerCase();
      if (name === 'classifier') {
        if (node.args.length > 0) diag.error('SLUICE_PLAN_ARITY', 'Classifier() takes no arguments', node.span);
        return slotFor('classifier', -1, [], 'Classifier()', node.span);
      }
      if (!METHODS.has(name)) {
        if (!AGGREGATE_FUNCTIONS.has(name)) return undefined;
        diag.error('SLUICE_PLAN_MR_AGGREGATE', `MATCH_RECOGNIZE supports the aggregate methods Min, Max, First and Last, not ${name.toUpperCase()}`, node.span);
        return nullLiteral({ span: node.span });
      }
      const arg = node.args[0];
      if (node.args.length !== 1 || arg === undefined || arg.kind !== 'ColumnRef') {
        diag.error('SLUICE_PLAN_MR_AGGREGATE', `${name.toUpperCase()} in MATCH_RECOGNIZE takes a single field such as ${name}(A.value)`, (arg ?? node).span, 'Only field values can be used for aggregates (MATCH_RECOGNIZE page, Limitations)');
        return nullLiteral({ span: node.span });
      }
      const parts = arg.path.map((p) => p.name);
      let variable = -1;
      let path = parts;
      if (parts.length > 1) {
        variable = indexOf(parts[0] as string);
        if (variable < 0) {
          diag.error('SLUICE_PLAN_MR_UNKNOWN_VARIABLE', `'${parts[0]}' is not a variable of PATTERN`, (arg.path[0] as { span: SourceSpan }).span, didYouMean(parts[0] as string, variables));
          return nullLiteral({ span: node.span });
        }
        checkOrder(parts[0] as string, arg.span);
        path = parts.slice(1);
      }
      return slotFor(name as Aggregate['fn'], variable, path, printExpression(node), node.span);
    });
    // Pass 2: `V.field` outside aggregates.
    const pass2 = transform(pass1, (node: AstNode): AstNode | undefined => {
      if (node.kind !== 'ColumnRef' || node.path.length < 2) return undefined;
      const v = (node.path[0] as { name: string }).name;
      const variable = indexOf(v);
      if (variable < 0) return undefined;
      if (current !== undefined && v.toLowerCase() === current.toLowerCase()) return columnRef({ path: node.path.slice(1), span: node.span });
      checkOrder(v, node.span);
      return slotFor('last', variable, node.path.slice(1).map((p) => p.name), `Last(${printExpression(node)})`, node.span);
    });
    return toAggregateRefs(bindExpression(pass2, scope, env));
  };
  const limitMs = limitDurationMs(mr, env);
  const conditions = variables.map((name) => {
    const d = mr.define.find((x) => x.name.name.toLowerCase() === name.toLowerCase());
    return d === undefined ? undefined : bindRewritten(d.condition, name);
  });
  const measures = mr.measures.map((m) => ({ name: m.alias.name, expr: bindRewritten(m.expr, undefined), text: printExpression(m.expr) }));
  const partitionBy = mr.partitionBy.map((e) => bindExpression(e, scope, env));
  const partitionNames = mr.partitionBy.map((e) => (e.kind === 'ColumnRef' ? (e.path[e.path.length - 1] as { name: string }).name : printExpression(e)));
  const node: MatchRecognizeNode = {
    kind: 'MatchRecognize',
    input,
    limitMs,
    partitionBy,
    partitionNames,
    variables: variables.map((name, i) => ({ name, condition: conditions[i] })),
    aggregates,
    measures,
    pattern,
    patternText: printPattern(mr.pattern),
    alias: mr.alias.name,
    span: mr.span,
  };
  return { node, slot: { alias: mr.alias.name, kind: 'step', columns: [...partitionNames, ...measures.map((m) => m.name)] } };
}

function limitDurationMs(mr: MatchRecognize, env: BindEnv): number {
  const ts = mr.limitDuration;
  const unit = UNIT_MS[ts.unit.name.toLowerCase()];
  if (unit === undefined) {
    env.diag.error('SLUICE_PLAN_TIME_UNIT', `unknown time unit '${ts.unit.name}'`, ts.unit.span, 'use day, hour, minute, second or millisecond');
    return 0;
  }
  const amount = ts.amount.kind === 'NumberLiteral' ? Number(ts.amount.text) : NaN;
  if (!(amount > 0)) {
    env.diag.error('SLUICE_PLAN_MR_LIMIT_DURATION', 'LIMIT DURATION must be a positive number constant', ts.amount.span);
    return 0;
  }
  return amount * unit;
}

function convertPattern(p: Pattern, variables: string[], env: BindEnv): MatchPatternNode {
  switch (p.kind) {
    case 'PatternAny':
      return { kind: 'var', index: -1 };
    case 'PatternVariable': {
      let i = variables.findIndex((v) => v.toLowerCase() === p.name.name.toLowerCase());
      if (i < 0) {
        variables.push(p.name.name);
        i = variables.length - 1;
      }
      return { kind: 'var', index: i };
    }
    case 'PatternSequence':
      return { kind: 'seq', items: p.items.map((x) => convertPattern(x, variables, env)) };
    case 'PatternAlternation':
      return { kind: 'alt', alternatives: p.alternatives.map((x) => convertPattern(x, variables, env)) };
    case 'PatternQuantified': {
      const inner = convertPattern(p.pattern, variables, env);
      const [min, max] = p.quantifier === '*' ? [0, undefined] : p.quantifier === '+' ? [1, undefined] : p.quantifier === '?' ? [0, 1] : [p.min ?? 0, p.max];
      if (max !== undefined && (max < min || max === 0)) {
        env.diag.error('SLUICE_PLAN_MR_QUANTIFIER', `the quantifier {${p.min ?? ''},${p.max ?? ''}} needs 0 < max and min <= max`, p.span);
      } else if (min > MAX_REPEAT || (max ?? 0) > MAX_REPEAT) {
        env.diag.error('SLUICE_PLAN_MR_QUANTIFIER', `a quantifier bound may be at most ${MAX_REPEAT}`, p.span);
        return inner;
      }
      return { kind: 'repeat', pattern: inner, min, max };
    }
  }
}

function printPattern(p: Pattern): string {
  switch (p.kind) {
    case 'PatternAny':
      return '.';
    case 'PatternVariable':
      return p.name.name;
    case 'PatternSequence':
      return p.items.map(printPattern).join(' ');
    case 'PatternAlternation':
      return `(${p.alternatives.map(printPattern).join(' | ')})`;
    case 'PatternQuantified': {
      const inner = p.pattern.kind === 'PatternSequence' ? `(${printPattern(p.pattern)})` : printPattern(p.pattern);
      return inner + (p.quantifier === 'range' ? `{${p.min ?? ''}${p.min === p.max ? '' : `,${p.max ?? ''}`}}` : p.quantifier);
    }
  }
}

/** Replaces the placeholder fields of pass 1/2 by AggregateRef (a shallow rebuild of the bound tree). */
function toAggregateRefs(e: BoundExpr): BoundExpr {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x === null || typeof x !== 'object') return x;
    const o = x as Record<string, unknown>;
    if (o['kind'] === 'Field' && Array.isArray(o['path']) && o['path'].length === 1 && String(o['path'][0]).startsWith(PLACEHOLDER)) {
      return { kind: 'AggregateRef', index: Number(String(o['path'][0]).slice(PLACEHOLDER.length)), type: 'any', span: o['span'] };
    }
    if (o['kind'] === 'Literal') return x;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = k === 'span' ? v : walk(v);
    return out;
  };
  return walk(e) as BoundExpr;
}
