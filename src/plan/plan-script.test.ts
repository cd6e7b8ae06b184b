// Planner: every semantic error with code, position and message, all in one pass; fan-out, multiple
// INTO and the default output; explain.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScript } from '../sql/index.ts';
import { PlanError, explain, planScript, type Catalog } from './index.ts';

const catalog: Catalog = {
  inputs: [{ alias: 'telemetry', kind: 'stream' }, { alias: 'devices', kind: 'reference' }],
  outputs: ['alerts', 'archive'],
  functions: [{ name: 'toF', kind: 'udf', source: 'function main(x) { return x; }' }, { name: 'wavg', kind: 'uda' }],
};

function plan(query: string, cat: Catalog = catalog) {
  return planScript(parseScript(query, { file: 'job.asaql' }), cat, { compatLevel: '1.2', sourceText: query });
}

function errorsOf(query: string, cat: Catalog = catalog): { code: string; at: string; message: string; hint?: string }[] {
  try {
    plan(query, cat);
  } catch (err) {
    assert.ok(err instanceof PlanError, String(err));
    return err.diagnostics.map((d) => ({ code: d.code, at: `${d.span.start.line}:${d.span.start.column}`, message: d.message, ...(d.hint ? { hint: d.hint } : {}) }));
  }
  assert.fail('expected a PlanError');
}

describe('planScript errors', () => {
  it('reports every error of the query in one pass, with positions and did-you-mean (FROM, INTO pages)', () => {
    const errors = errorsOf('SELECT a INTO alert FROM telemtry\nSELECT UPPR(b) INTO archive FROM telemetry');
    assert.deepEqual(errors.map((e) => [e.code, e.at]), [
      ['SLUICE_PLAN_UNKNOWN_OUTPUT', '1:15'],
      ['SLUICE_PLAN_UNKNOWN_SOURCE', '1:26'],
      ['SLUICE_PLAN_UNKNOWN_FUNCTION', '2:8'],
    ]);
    assert.equal(errors[0]?.hint, "did you mean 'alerts'?");
    assert.equal(errors[1]?.hint, "did you mean 'telemetry'?");
    assert.equal(errors[2]?.hint, "did you mean 'UPPER'?");
  });

  it('the thrown error formats each diagnostic with file:line:col and a code frame', () => {
    try {
      plan('SELECT a INTO alert FROM telemtry');
      assert.fail('no error');
    } catch (err) {
      const text = (err as PlanError).format();
      assert.match(text, /job\.asaql:1:15: unknown output 'alert'/);
      assert.match(text, /\^\^\^\^\^/);
    }
  });

  it('WITH page: INTO inside WITH, duplicate step names, unknown step columns', () => {
    const errors = errorsOf('WITH s AS (SELECT a INTO alerts FROM telemetry), s AS (SELECT b FROM telemetry)\nSELECT c INTO alerts FROM s');
    assert.deepEqual(errors.map((e) => e.code), ['SLUICE_PLAN_DUPLICATE_STEP', 'SLUICE_PLAN_INTO_IN_WITH', 'SLUICE_PLAN_UNKNOWN_COLUMN'].sort((a, b) => errors.findIndex((e) => e.code === a) - errors.findIndex((e) => e.code === b)));
    assert.ok(errors.some((e) => e.code === 'SLUICE_PLAN_UNKNOWN_COLUMN' && e.message.includes("step 's'")));
  });

  it('function arity and date parts are checked with the call position', () => {
    const errors = errorsOf('SELECT UPPER(a, b), DATEADD(fortnight, 1, t) INTO alerts FROM telemetry');
    assert.deepEqual(errors.map((e) => [e.code, e.at]), [['SLUICE_PLAN_ARITY', '1:8'], ['SLUICE_PLAN_DATEPART', '1:21']]);
  });

  it('Aggregate functions page: an aggregate without GROUP BY is an error', () => {
    const errors = errorsOf('SELECT COUNT(*) INTO alerts FROM telemetry');
    assert.equal(errors[0]?.code, 'SLUICE_PLAN_AGGREGATE_WITHOUT_GROUP_BY');
  });

  it('JOIN page: SELECT * with JOIN is forbidden; reference data is read only on the right of a JOIN', () => {
    const errors = errorsOf('SELECT * INTO alerts FROM telemetry t JOIN devices d ON t.id = d.id');
    assert.deepEqual(errors.map((e) => e.code).sort(), ['SLUICE_PLAN_STAR_WITH_JOIN']);
    assert.deepEqual(errorsOf('SELECT a INTO alerts FROM devices').map((e) => e.code), ['SLUICE_PLAN_REFERENCE_NOT_JOINED']);
  });

  it('JavaScript UDAs: uda.name(x) is an aggregate of a windowed GROUP BY (bind-expression.ts bindUda)', () => {
    assert.equal(plan('SELECT uda.wavg(a) AS w INTO alerts FROM telemetry GROUP BY TumblingWindow(minute, 5)').statements.length, 1);
    assert.deepEqual(errorsOf('SELECT uda.wavg(a) INTO alerts FROM telemetry').map((e) => e.code), ['SLUICE_PLAN_AGGREGATE_WITHOUT_GROUP_BY']);
  });

  it('UDFs: unknown udf.name suggests the closest; compat 1.2 rejects a prefix on a built-in', () => {
    const errors = errorsOf('SELECT udf.tof2(a), x.ABS(b) INTO alerts FROM telemetry');
    assert.deepEqual(errors.map((e) => e.code), ['SLUICE_PLAN_UNKNOWN_FUNCTION', 'SLUICE_PLAN_FUNCTION_PREFIX']);
    assert.equal(errors[0]?.hint, "did you mean 'toF'?");
  });

  it('UNION page: the SELECTs of a UNION have the same number of columns', () => {
    assert.equal(errorsOf('SELECT a, b INTO alerts FROM telemetry UNION SELECT a FROM telemetry')[0]?.code, 'SLUICE_PLAN_UNION_COLUMNS');
  });

  it('TIMESTAMP BY page: a step has no TIMESTAMP BY; a step cannot read itself', () => {
    const errors = errorsOf('WITH s AS (SELECT a FROM s) SELECT a INTO alerts FROM s TIMESTAMP BY a');
    assert.deepEqual(errors.map((e) => e.code).sort(), ['SLUICE_PLAN_STEP_CYCLE', 'SLUICE_PLAN_TIMESTAMP_BY_STEP']);
  });

  it('TIMESTAMP BY page: TIMESTAMP BY cannot use System.Timestamp()', () => {
    assert.equal(errorsOf('SELECT a INTO alerts FROM telemetry TIMESTAMP BY System.Timestamp()')[0]?.code, 'SLUICE_PLAN_TIMESTAMP_BY_SYSTEM');
  });

  it('CASE page: ELSE is required', () => {
    assert.equal(errorsOf("SELECT CASE WHEN a > 1 THEN 'x' END INTO alerts FROM telemetry")[0]?.code, 'SLUICE_PLAN_CASE_ELSE');
  });

  it('a SELECT without INTO needs a single output (or one named output)', () => {
    assert.equal(errorsOf('SELECT a FROM telemetry')[0]?.code, 'SLUICE_PLAN_NO_INTO');
  });
});

describe('planScript plans', () => {
  it('fan-out: a step read by two statements is planned once, with two readers; multiple INTO', () => {
    const p = plan('WITH s AS (SELECT a, b FROM telemetry) SELECT a INTO alerts FROM s SELECT b INTO archive FROM s');
    assert.equal(p.steps.length, 1);
    assert.equal(p.steps[0]?.readers, 2);
    assert.deepEqual(p.outputs, ['alerts', 'archive']);
    assert.deepEqual(p.inputs, ['telemetry']);
  });

  it('INTO page: without INTO and without declared outputs the rows go to `output`', () => {
    const p = plan('SELECT a FROM telemetry', { ...catalog, outputs: [] });
    assert.deepEqual(p.outputs, ['output']);
  });

  it('explain prints steps, operators and outputs', () => {
    const p = plan("WITH s AS (SELECT a, udf.toF(b) AS f FROM telemetry TIMESTAMP BY t WHERE a > 1) SELECT * INTO alerts FROM s CROSS APPLY GetArrayElements(s.a) AS e");
    assert.equal(explain(p), [
      'inputs: telemetry',
      'outputs: alerts',
      'udfs: udf.toF',
      'step s (read 1 time):',
      '  Project a, udf.toF(b) AS f',
      '    Filter WHERE a > 1',
      '      Scan input telemetry TIMESTAMP BY t',
      'output alerts:',
      '  Project *, e :record',
      '    CrossApply GetArrayElements AS e',
      '      Scan step s',
    ].join('\n'));
  });
});

describe('CREATE TABLE', () => {
  it('CREATE TABLE page: the declared types type the input\'s fields and travel in plan.tables', () => {
    const p = plan('CREATE TABLE telemetry (temp float, name nvarchar(max))\nSELECT temp, name, other INTO alerts FROM telemetry');
    assert.deepEqual(p.tables, [{ input: 'telemetry', columns: [{ name: 'temp', type: 'float' }, { name: 'name', type: 'nvarchar(max)' }] }]);
    const project = p.statements[0]?.query;
    assert.equal(project?.kind, 'Project');
    assert.deepEqual(project?.kind === 'Project' ? project.columns : undefined, [{ name: 'temp', type: 'float' }, { name: 'name', type: 'nvarchar(max)' }, { name: 'other', type: 'any' }]);
  });

  it('CREATE TABLE must name an input and use ASA types', () => {
    const errors = errorsOf('CREATE TABLE telemetri (a nvarchar(50), b int)\nSELECT a INTO alerts FROM telemetry');
    assert.deepEqual(errors.map((e) => e.code), ['SLUICE_PLAN_UNKNOWN_SOURCE', 'SLUICE_PLAN_UNKNOWN_TYPE', 'SLUICE_PLAN_UNKNOWN_TYPE']);
  });
});
