// planScript: the binder's entry point. Collects the script's WITH steps (script-wide: later
// statements may read earlier steps, WITH page), binds each step once however many statements read it
// (fan-out), binds every statement with its output, runs the rules, and throws one PlanError listing
// every semantic error with its span.
import type { SourceSpan } from '../common/index.ts';
import { compatBehaviour, parseTypeName, type AsaTypeName } from '../types/index.ts';
import type { QueryExpr, Script, WithStep } from '../sql/index.ts';
import { bindSelect, type SourceResolver } from './bind-select.ts';
import type { Catalog, PlanOptions } from './catalog.ts';
import { Diagnostics } from './diagnostics.ts';
import type { LogicalPlan, PlanStatement, PlanStep, RelNode } from './logical-plan.ts';
import { selectsOf } from './query-selects.ts';
import { checkCaseRequiresElse } from './rules/case-requires-else.ts';
import { checkDuplicateSteps } from './rules/duplicate-steps.ts';
import { checkIntoInsideWith } from './rules/into-inside-with.ts';
import { resolveOutput } from './rules/output-target.ts';
import { checkUnionShape } from './rules/union-shape.ts';
import type { BindEnv } from './scope.ts';
import { didYouMean } from './suggest.ts';

interface StepState {
  readonly ast: WithStep;
  status: 'new' | 'binding' | 'done';
  query: RelNode | undefined;
  columns: readonly string[] | undefined;
  readers: number;
}

export function planScript(script: Script, catalog: Catalog, options: PlanOptions): LogicalPlan {
  const diag = new Diagnostics(options.sourceText);
  const env: BindEnv = { diag, catalog, compat: compatBehaviour(options.compatLevel), sourceText: options.sourceText, udfsUsed: new Map() };
  checkCaseRequiresElse(script, diag);

  const withSteps: WithStep[] = [];
  const tables = new Map<string, { input: string; columns: { name: string; type: AsaTypeName }[] }>();
  for (const st of script.statements) {
    if (st.kind === 'QueryStatement') {
      withSteps.push(...st.with);
      continue;
    }
    const columns = st.columns.map((c) => ({ name: c.name.name, type: c.type.param ? `${c.type.name}(${c.type.param})` : c.type.name, span: c.type.span }));
    checkCreateTable(st.name.name, st.name.span, columns, catalog, diag);
    const input = catalog.inputs.find((i) => i.alias.toLowerCase() === st.name.name.toLowerCase())?.alias ?? st.name.name;
    tables.set(input.toLowerCase(), { input, columns: columns.flatMap((c) => { const t = parseTypeName(c.type); return t === undefined ? [] : [{ name: c.name, type: t }]; }) });
  }
  checkDuplicateSteps(withSteps, catalog, diag);
  const steps = new Map<string, StepState>();
  for (const s of withSteps) {
    const key = s.name.name.toLowerCase();
    if (!steps.has(key)) steps.set(key, { ast: s, status: 'new', query: undefined, columns: undefined, readers: 0 });
  }
  const order: StepState[] = [];
  const usedInputs = new Set<string>();

  const resolver: SourceResolver = {
    step(name: string, span: SourceSpan) {
      const st = steps.get(name.toLowerCase());
      if (st === undefined) return null;
      st.readers++;
      if (st.status === 'binding') {
        diag.error('SLUICE_PLAN_STEP_CYCLE', `the step '${st.ast.name.name}' reads itself`, span, 'a step can only read inputs and other steps');
        return { name: st.ast.name.name, columns: undefined };
      }
      if (st.status === 'new') bindStep(st);
      return { name: st.ast.name.name, columns: st.columns };
    },
    input(name: string) {
      const input = catalog.inputs.find((i) => i.alias.toLowerCase() === name.toLowerCase());
      if (input !== undefined) usedInputs.add(input.alias);
      return input;
    },
    names() {
      return [...catalog.inputs.map((i) => i.alias), ...withSteps.map((s) => s.name.name)];
    },
    schema(input: string) {
      const t = tables.get(input.toLowerCase());
      return t === undefined ? undefined : new Map(t.columns.map((c) => [c.name.toLowerCase(), c.type] as const));
    },
  };

  function bindQuery(query: QueryExpr): { node: RelNode; columns: readonly string[] | undefined } {
    const selects = selectsOf(query);
    const bound = selects.map((s) => bindSelect(s, env, resolver));
    checkUnionShape(selects, bound.map((b) => b.columns?.length), diag);
    const first = bound[0];
    if (bound.length === 1 && first !== undefined) return { node: first.node, columns: first.columns?.map((c) => c.name) };
    return { node: { kind: 'Union', inputs: bound.map((b) => b.node), span: query.span }, columns: first?.columns?.map((c) => c.name) };
  }

  function bindStep(st: StepState): void {
    st.status = 'binding';
    checkIntoInsideWith(st.ast.name.name, st.ast.query, diag);
    const { node, columns } = bindQuery(st.ast.query);
    st.query = node;
    st.columns = columns;
    st.status = 'done';
    order.push(st);
  }

  const statements: PlanStatement[] = [];
  for (const st of script.statements) {
    if (st.kind !== 'QueryStatement') continue;
    const selects = selectsOf(st.query);
    const into = selects.find((s) => s.into !== undefined)?.into;
    const output = resolveOutput(into, st.query.span, catalog, diag);
    const { node } = bindQuery(st.query);
    statements.push({ output, query: node, span: st.query.span });
  }
  // Steps no statement reads are still checked.
  for (const st of steps.values()) if (st.status === 'new') bindStep(st);
  if (statements.length === 0) {
    diag.error('SLUICE_PLAN_NO_STATEMENT', 'the query has no SELECT statement', script.span, 'add SELECT … INTO output FROM input');
  }
  diag.throwIfAny();

  const planSteps: PlanStep[] = order.map((s) => ({ name: s.ast.name.name, query: s.query as RelNode, readers: s.readers, span: s.ast.span }));
  const outputs = [...new Set(statements.map((s) => s.output))];
  return {
    kind: 'LogicalPlan',
    compatLevel: options.compatLevel,
    sourceText: options.sourceText,
    inputs: catalog.inputs.map((i) => i.alias).filter((a) => usedInputs.has(a)),
    declaredInputs: catalog.inputs.map((i) => i.alias),
    steps: planSteps,
    statements,
    outputs,
    udfs: [...env.udfsUsed.values()],
    tables: [...tables.values()],
  };
}

/**
 * CREATE TABLE names an input and uses ASA types (CREATE TABLE page). The schema types the input's
 * fields and is carried in plan.tables; dropping rows that do not fit is the input side's job.
 */
function checkCreateTable(name: string, span: SourceSpan, columns: readonly { type: string; span: SourceSpan }[], catalog: Catalog, diag: Diagnostics): void {
  if (!catalog.inputs.some((i) => i.alias.toLowerCase() === name.toLowerCase())) {
    diag.error('SLUICE_PLAN_UNKNOWN_SOURCE', `CREATE TABLE names '${name}', which is not an input of the job`, span, didYouMean(name, catalog.inputs.map((i) => i.alias)));
  }
  for (const c of columns) {
    if (parseTypeName(c.type) === undefined) diag.error('SLUICE_PLAN_UNKNOWN_TYPE', `unknown data type '${c.type}'`, c.span, 'use bigint, float, nvarchar(max), datetime, bit, record or array');
  }
}
