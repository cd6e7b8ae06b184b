// Binds one SELECT: FROM (an input or a step, then APPLYs) → WHERE → GROUP BY (keys and window,
// bind-group-by.ts; the Aggregate node) → HAVING (which acts as WHERE without GROUP BY, HAVING page) →
// projection. Returns the relational tree and the
// output columns when they are all known.
import type { SourceSpan } from '../common/index.ts';
import { lookupTableFunction } from '../functions/index.ts';
import { printExpression, type Expression, type FromItem, type Select } from '../sql/index.ts';
import type { AsaTypeName, StaticType } from '../types/index.ts';
import { bindExpression } from './bind-expression.ts';
import { bindGroupBy } from './bind-group-by.ts';
import { bindJoin } from './bind-join.ts';
import { bindMatchRecognize } from './bind-match-recognize.ts';
import type { BoundExpr } from './bound-expr.ts';
import type { AggregateCall, AnalyticCall, ProjectItem, RelNode } from './logical-plan.ts';
import { checkSelectStarWithJoin } from './rules/select-star-with-join.ts';
import { checkSubstreamGroupBy } from './rules/substream-group-by.ts';
import { checkTimestampByLimits } from './rules/timestamp-by-limits.ts';
import { checkUnsupportedSelect, checkUnsupportedSource } from './rules/unsupported-features.ts';
import { findSlot, type BindEnv, type Scope, type ScopeSlot } from './scope.ts';
import { didYouMean } from './suggest.ts';

/** What a FROM name resolves to; provided by planScript (which binds steps on demand). */
export interface SourceResolver {
  /** A step's known columns (undefined when open), or null when no step has that name. */
  step(name: string, span: SourceSpan): { name: string; columns: readonly string[] | undefined } | null;
  input(name: string): { alias: string; kind: 'stream' | 'reference' } | undefined;
  /** The CREATE TABLE schema of an input, by lower-cased field name. */
  schema(input: string): ReadonlyMap<string, AsaTypeName> | undefined;
  names(): readonly string[];
}

export interface BoundSelect {
  readonly node: RelNode;
  readonly columns: readonly { name: string; type: StaticType }[] | undefined;
}

export function bindSelect(select: Select, env: BindEnv, sources: SourceResolver): BoundSelect {
  checkSelectStarWithJoin(select, env.diag);
  checkUnsupportedSelect(select, env.diag);
  const slots: ScopeSlot[] = [];
  let node = bindFrom(select.from, slots, env, sources);
  const grouped = select.groupBy.length > 0;
  // Analytic calls anywhere in the statement, evaluated per FROM event before WHERE (bind-analytic.ts).
  const analytics: AnalyticCall[] = [];
  const whereScope: Scope = { slots, hasGroupBy: grouped, analytics };
  if (select.where !== undefined) {
    node = { kind: 'Filter', input: node, clause: 'WHERE', predicate: bindExpression(select.where, whereScope, env), text: printExpression(select.where) };
  }
  // After GROUP BY, the SELECT list and HAVING collect the aggregates (GROUP BY page, HAVING page).
  const aggregates: AggregateCall[] = [];
  const scope: Scope = grouped ? { slots, hasGroupBy: true, aggregates, analytics } : whereScope;
  if (grouped) {
    checkSubstreamGroupBy(select, env.diag);
    const groupBy = bindGroupBy(select, whereScope, env);
    node = { kind: 'Aggregate', input: node, keys: groupBy.keys, keyTexts: groupBy.keyTexts, windows: groupBy.windows, aggregates, span: select.span };
  } else if (select.having !== undefined) {
    node = { kind: 'Filter', input: node, clause: 'HAVING', predicate: bindExpression(select.having, scope, env), text: printExpression(select.having) };
  }
  const items: ProjectItem[] = [];
  let open = false;
  for (const item of select.items) {
    if (item.kind === 'SelectExpr') {
      const expr = bindExpression(item.expr, scope, env);
      const name = item.alias?.name ?? defaultName(item.expr);
      items.push({ kind: 'Column', name, expr, text: printExpression(item.expr) });
      continue;
    }
    open = true;
    const q = item.qualifier.map((p) => p.name);
    if (q.length === 0) {
      // `*`: the FROM source's columns (SELECT page); each APPLY adds one record column named by its
      // alias ("a record containing the initial payload and a record element_name", APPLY page).
      slots.forEach((s, i) => {
        if (i === 0) items.push({ kind: 'Star', slot: 0, path: [], withInputMetadata: s.kind === 'input', text: '*' });
        else items.push({ kind: 'Column', name: s.alias, expr: { kind: 'Field', slot: i, path: [], fallbackString: undefined, type: 'record', span: item.span }, text: s.alias });
      });
      continue;
    }
    const slot = findSlot(scope, q[0] as string);
    if (slot >= 0) {
      const s = slots[slot] as ScopeSlot;
      items.push({ kind: 'Star', slot, path: q.slice(1), withInputMetadata: s.kind === 'input' && q.length === 1, text: `${q.join('.')}.*` });
    } else {
      // `record.*`: the fields of a record column as columns (SELECT page, column_name.*).
      items.push({ kind: 'Star', slot: 0, path: q, withInputMetadata: false, text: `${q.join('.')}.*` });
    }
  }
  if (grouped && select.having !== undefined) {
    // HAVING may name a computed column of the SELECT list by its alias (the docs' `HAVING [Count] >= 3`
    // over `COUNT(*) AS [Count]`, "Common query patterns").
    const aliases = new Map<string, BoundExpr>();
    for (const i of items) if (i.kind === 'Column' && i.expr.kind !== 'Field') aliases.set(i.name.toLowerCase(), i.expr);
    const having = bindExpression(select.having, { ...scope, selectAliases: aliases }, env);
    node = { kind: 'Filter', input: node, clause: 'HAVING', predicate: having, text: printExpression(select.having) };
  }
  const columns = open ? undefined : items.flatMap((i) => (i.kind === 'Column' ? [{ name: i.name, type: i.expr.type }] : []));
  if (analytics.length > 0) {
    const placed = withAnalytics(node, analytics);
    // Before a JOIN or MATCH_RECOGNIZE the results would have to travel through that operator; a WITH
    // step over the input computes them first and gives the same (documented) result.
    if (placed === undefined) env.diag.unsupported('an analytic function (LAG, LAST, ISFIRST, … OVER) in a SELECT whose FROM is a JOIN or MATCH_RECOGNIZE (compute it in a WITH step over the input, then join that step)', select.span);
    else node = placed;
  }
  return { node: { kind: 'Project', input: node, items, columns }, columns };
}

/** Puts the Analytic node right above the FROM source, below APPLY, WHERE and GROUP BY (LAG page). */
function withAnalytics(node: RelNode, calls: readonly AnalyticCall[]): RelNode | undefined {
  switch (node.kind) {
    case 'Filter':
    case 'Aggregate':
    case 'Apply':
    case 'Project': {
      const input = withAnalytics(node.input, calls);
      return input === undefined ? undefined : { ...node, input };
    }
    case 'Scan':
      return { kind: 'Analytic', input: node, calls };
    default:
      return undefined;
  }
}

/**
 * The column name of an unaliased expression: the last part of a column reference (`a.b.c` → c);
 * otherwise ASA makes up a name, which sluice spells as the expression's text (open question 7).
 */
function defaultName(expr: Expression): string {
  if (expr.kind === 'ColumnRef') return (expr.path[expr.path.length - 1] as { name: string }).name;
  if (expr.kind === 'MemberAccess') return expr.member.name;
  return printExpression(expr);
}

function bindFrom(from: FromItem, slots: ScopeSlot[], env: BindEnv, sources: SourceResolver, joinRight = false): RelNode {
  checkUnsupportedSource(from, env.diag);
  if (from.kind === 'Join') return bindJoin(from, slots, env, sources, bindFrom);
  if (from.kind === 'Apply') {
    const input = bindFrom(from.left, slots, env, sources);
    const scope: Scope = { slots, hasGroupBy: false };
    const fnName = from.call.name.map((n) => n.name).join('.');
    const fn = from.call.name.length === 1 ? lookupTableFunction(fnName) : undefined;
    const alias = from.alias?.name ?? fnName;
    if (fn === undefined) {
      env.diag.error('SLUICE_PLAN_APPLY_FUNCTION', `CROSS/OUTER APPLY needs GetArrayElements or GetRecordProperties, not '${fnName}'`, from.call.span, didYouMean(fnName, ['GetArrayElements', 'GetRecordProperties']));
    } else if (from.call.args.length !== 1) {
      env.diag.error('SLUICE_PLAN_ARITY', `function ${fn.name} takes 1 argument, got ${from.call.args.length}`, from.call.span);
    }
    const arg = from.call.args[0] !== undefined ? bindExpression(from.call.args[0], scope, env) : ({ kind: 'Literal', value: null, type: 'null', span: from.call.span } as const);
    const columns = fn?.columns ?? [];
    slots.push({ alias, kind: 'apply', columns });
    return { kind: 'Apply', input, applyType: from.applyType, fn: fn?.name ?? fnName, arg, alias, slot: slots.length - 1, columns, span: from.span };
  }
  const name = from.name.name;
  const alias = from.alias?.name ?? name;
  const step = sources.step(name, from.name.span);
  let kind: 'input' | 'step' = 'step';
  let sourceName = name;
  if (step !== null) {
    slots.push({ alias, kind: 'step', columns: step.columns });
    sourceName = step.name;
  } else {
    const input = sources.input(name);
    kind = 'input';
    if (input === undefined) {
      env.diag.error('SLUICE_PLAN_UNKNOWN_SOURCE', `unknown input or step '${name}'`, from.name.span, didYouMean(name, sources.names()) ?? `inputs and steps: ${sources.names().join(', ') || '(none)'}`);
    } else {
      sourceName = input.alias;
      if (input.kind === 'reference' && !joinRight) {
        // Reference data JOIN page: reference data is only read as the right side of a JOIN.
        env.diag.error('SLUICE_PLAN_REFERENCE_NOT_JOINED', `the reference input '${input.alias}' can only be read as the right side of a JOIN`, from.name.span, 'write FROM stream JOIN reference ON …');
      }
    }
    const types = sources.schema(sourceName);
    slots.push(types === undefined ? { alias, kind: 'input', columns: undefined } : { alias, kind: 'input', columns: undefined, types });
  }
  // TIMESTAMP BY reads only this source's own row (a JOIN's right side included).
  const scope: Scope = { slots: slots.slice(-1), hasGroupBy: false };
  if (from.timestampBy !== undefined) checkTimestampByLimits(from.timestampBy, env.diag);
  const timestampBy = from.timestampBy === undefined ? undefined : bindExpression(from.timestampBy.expr, scope, env);
  if (timestampBy !== undefined && kind === 'step') {
    // TIMESTAMP BY page: only input payload fields, not columns computed in the query.
    env.diag.error('SLUICE_PLAN_TIMESTAMP_BY_STEP', `TIMESTAMP BY applies to inputs, not to the step '${sourceName}'`, from.timestampBy?.span ?? from.span, 'put TIMESTAMP BY where the step reads its input');
  }
  const timestampText = from.timestampBy === undefined ? undefined : printExpression(from.timestampBy.expr);
  // TIMESTAMP BY … OVER keys (substreams): bound against the source row like TIMESTAMP BY itself.
  const over = from.timestampBy?.over ?? [];
  const scan: RelNode = over.length === 0
    ? { kind: 'Scan', source: { kind, name: sourceName }, alias, timestampBy, timestampText, span: from.span }
    : { kind: 'Scan', source: { kind, name: sourceName }, alias, timestampBy, timestampText: `${timestampText ?? ''} OVER ${over.map((e) => printExpression(e)).join(', ')}`, substreamKeys: over.map((e) => bindExpression(e, scope, env)), span: from.span };
  if (from.matchRecognize === undefined) return scan;
  // MATCH_RECOGNIZE replaces the source's slot by its match rows (bind-match-recognize.ts).
  const mr = bindMatchRecognize(from.matchRecognize, scan, slots[slots.length - 1] as ScopeSlot, env);
  slots[slots.length - 1] = mr.slot;
  return mr.node;
}
