import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_TABLE_FUNCTIONS, callScalar as call, lookupTableFunction } from './index.ts';

// Sample event from https://learn.microsoft.com/stream-analytics-query/getarrayelement-azure-stream-analytics
const event = { DeviceId: '123', SensorReadings: { Temperature: 80, Humidity: 70, CustomSensor: [1, 1, 0] } };

describe('GetArrayElement / GetArrayLength', () => {
  it('reads elements from 0 (documented sample: 1, 1 for device 123)', () => {
    assert.equal(call('GetArrayElement', [event.SensorReadings.CustomSensor, 0]), 1);
    assert.equal(call('GetArrayElement', [event.SensorReadings.CustomSensor, 2]), 0);
  });

  it('gives NULL out of range or for NULL, and fails on a non-array', () => {
    assert.equal(call('GetArrayElement', [[1], 5]), null);
    assert.equal(call('GetArrayElement', [[1], -1]), null);
    assert.equal(call('GetArrayElement', [null, 0]), null);
    assert.throws(() => call('GetArrayElement', [{ a: 1 }, 0]), { code: 'SLUICE_FUNC_ARG_TYPE' });
  });

  it('GetArrayLength counts elements', () => {
    assert.equal(call('GetArrayLength', [[1, 2, 3]]), 3);
    assert.equal(call('GetArrayLength', [[]]), 0);
    assert.equal(call('GetArrayLength', [null]), null);
  });
});

describe('GetRecordPropertyValue (getrecordpropertyvalue-azure-stream-analytics)', () => {
  it('reads a property named at run time (thresholds.SensorName)', () => {
    assert.equal(call('GetRecordPropertyValue', [event.SensorReadings, 'Temperature']), 80);
    assert.equal(call('GetRecordPropertyValue', [event.SensorReadings, 'humidity']), 70, 'field names match in any case');
    assert.equal(call('GetRecordPropertyValue', [event.SensorReadings, 'Pressure']), null);
  });

  it('follows dotted and bracketed paths into nested records', () => {
    assert.deepEqual(call('GetRecordPropertyValue', [event, 'SensorReadings.CustomSensor']), [1, 1, 0]);
    const rec = { 'my.field': 1, 'a': { 'b.c': { d: 2 } }, 'x]y': 3 };
    assert.equal(call('GetRecordPropertyValue', [rec, 'my.field']), 1, 'a real field with a dot wins');
    assert.equal(call('GetRecordPropertyValue', [rec, '[my.field]']), 1);
    assert.equal(call('GetRecordPropertyValue', [rec, 'a.[b.c].d']), 2);
    assert.equal(call('GetRecordPropertyValue', [rec, 'a[b.c][d]']), 2);
    assert.equal(call('GetRecordPropertyValue', [rec, '[x]]y]']), 3);
    assert.equal(call('GetRecordPropertyValue', [rec, 'a.missing.d']), null);
  });

  it('passes NULL through and rejects a non-record', () => {
    assert.equal(call('GetRecordPropertyValue', [null, 'a']), null);
    assert.equal(call('GetRecordPropertyValue', [{ a: 1 }, null]), null);
    assert.throws(() => call('GetRecordPropertyValue', [[1], 'a']), { code: 'SLUICE_FUNC_ARG_TYPE' });
  });
});

describe('GetArrayElements / GetRecordProperties (APPLY)', () => {
  it('lists the table-valued functions', () => {
    assert.deepEqual(BUILTIN_TABLE_FUNCTIONS.map((f) => f.name), ['GetArrayElements', 'GetRecordProperties']);
  });

  it('unfolds an array into {ArrayIndex, ArrayValue} rows (CROSS APPLY example: 1, 1, 0)', () => {
    const f = lookupTableFunction('getarrayelements');
    assert.ok(f);
    assert.deepEqual(f.columns, ['ArrayIndex', 'ArrayValue']);
    assert.deepEqual(f.invoke(event.SensorReadings.CustomSensor), [
      { ArrayIndex: 0, ArrayValue: 1 },
      { ArrayIndex: 1, ArrayValue: 1 },
      { ArrayIndex: 2, ArrayValue: 0 },
    ]);
    assert.deepEqual(f.invoke(null), []);
    assert.deepEqual(f.invoke([]), []);
    assert.throws(() => f.invoke({}), { code: 'SLUICE_FUNC_ARG_TYPE' });
  });

  it('unfolds a record into {PropertyName, PropertyValue} rows, nested records kept', () => {
    const f = lookupTableFunction('GetRecordProperties');
    assert.ok(f);
    assert.deepEqual(f.invoke({ a: 1, b: { c: 2 } }), [
      { PropertyName: 'a', PropertyValue: 1 },
      { PropertyName: 'b', PropertyValue: { c: 2 } },
    ]);
    assert.deepEqual(f.invoke(null), []);
    assert.throws(() => f.invoke([1]), { code: 'SLUICE_FUNC_ARG_TYPE' });
  });
});

describe('COALESCE / NULLIF / GetType', () => {
  it('COALESCE documented table', () => {
    assert.equal(call('COALESCE', [0, 'a']), 0);
    assert.equal(call('COALESCE', [null, 'a']), 'a');
    assert.equal(call('COALESCE', [null, null]), null);
    assert.equal(call('COALESCE', [null, null, 2, null]), 2);
  });

  it('NULLIF(4, 4) is NULL and NULLIF(5, 7) is 5', () => {
    assert.equal(call('NULLIF', [4, 4]), null);
    assert.equal(call('NULLIF', [5, 7]), 5);
    assert.equal(call('NULLIF', [null, 7]), null);
    assert.equal(call('NULLIF', [5, null]), 5);
  });

  it('GetType names each type; a float-typed whole number is float', () => {
    assert.equal(call('GetType', ['2014-01-01']), 'nvarchar(max)');
    assert.equal(call('GetType', [1]), 'bigint');
    assert.equal(call('GetType', [1.5]), 'float');
    assert.equal(call('GetType', [3], ['float']), 'float');
    assert.equal(call('GetType', [{}]), 'record');
    assert.equal(call('GetType', [null]), null);
  });
});
