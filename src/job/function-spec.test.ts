import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFunctionDefinition } from './index.ts';

const udf = 'function main(x) { return x + 1; }';
const uda = 'function main() { this.init = function () { this.s = 0; }; this.accumulate = function (v) { this.s += v; }; this.computeResult = function () { return this.s; }; }';

describe('JavaScript functions', () => {
  it('reads a UDF binding as VS Code writes it', () => {
    const r = parseFunctionDefinition({ Name: 'plus1', Type: 'Scalar', ScriptType: 'JSFunction', FunctionInputs: [{ DataType: 'bigint', IsConfigurationParameter: null }], OutputType: 'bigint' }, { fileName: 'plus1', source: udf });
    assert.ok(r.ok);
    assert.deepEqual(r.value, { name: 'plus1', language: 'javascript', kind: 'scalar', parameters: [{ dataType: 'bigint', isConfigurationParameter: false }], outputType: 'bigint', source: udf });
  });

  it('marks Type Aggregate as a UDA and checks the script shape', () => {
    const r = parseFunctionDefinition({ Type: 'aggregate', FunctionInputs: [{ DataType: 'NVARCHAR(MAX)' }] }, { fileName: 'agg', source: uda });
    assert.ok(r.ok);
    assert.equal(r.value.kind, 'aggregate');
    assert.equal(r.value.parameters[0]?.dataType, 'nvarchar(max)');
    const bad = parseFunctionDefinition({ Type: 'Scalar' }, { fileName: 'f', source: 'function notMain() {}' });
    assert.equal(bad.ok, false);
    assert.match(bad.issues[0]?.message ?? '', /does not define function main/);
  });

  it('rejects unknown data types with the allowed list', () => {
    const r = parseFunctionDefinition({ FunctionInputs: [{ DataType: 'int' }] }, { fileName: 'f', source: udf });
    assert.equal(r.ok, false);
    assert.deepEqual(r.issues.map((i) => i.path.join('.')), ['FunctionInputs.0.DataType']);
    assert.match(r.issues[0]?.message ?? '', /allowed: any, bigint, float, nvarchar\(max\), datetime, record, array, bit/);
  });
});
