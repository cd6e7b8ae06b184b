import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsaDateTime } from '../types/index.ts';
import { fromUdfResult, toUdfArgument } from './index.ts';

describe('JS UDF value mapping (stream-analytics-javascript-user-defined-functions)', () => {
  it('passes datetime as Date and bigint as Number, copying only what changes', () => {
    const dt = AsaDateTime.fromParts(2020, 1, 2, 3, 4, 5, 6, 7);
    const arg = toUdfArgument(dt);
    assert.ok(arg instanceof Date);
    assert.equal(arg.toISOString(), '2020-01-02T03:04:05.006Z');
    assert.equal(toUdfArgument(2n ** 60n), 2 ** 60);
    const plain = { a: 1, b: ['x'] };
    assert.equal(toUdfArgument(plain), plain, 'nothing to convert: same object');
    const nested = { a: 1, t: dt, list: [1, dt] };
    const out = toUdfArgument(nested) as { t: unknown; list: unknown[] };
    assert.ok(out.t instanceof Date && out.list[1] instanceof Date);
    assert.ok(nested.t instanceof AsaDateTime, 'input untouched');
  });

  it('maps results back: whole numbers to bigint, Date to datetime, undefined to NULL', () => {
    assert.equal(fromUdfResult('f', 3), 3);
    assert.equal(fromUdfResult('f', 2 ** 60), 2n ** 60n);
    assert.equal(fromUdfResult('f', 1.5), 1.5);
    assert.equal(fromUdfResult('f', undefined), null);
    assert.equal(String(fromUdfResult('f', new Date(Date.UTC(2021, 0, 1)))), '2021-01-01T00:00:00.0000000Z');
    assert.deepEqual(fromUdfResult('f', { a: [1, 'x', null, undefined] }), { a: [1, 'x', null, null] });
  });

  it('fails on values with no ASA type', () => {
    for (const bad of [NaN, Infinity, () => 1, Symbol('s'), new Map(), new Date(NaN), 2n ** 70n]) {
      assert.throws(() => fromUdfResult('f', bad), { code: 'SLUICE_FUNC_UDF_RESULT' });
    }
  });
});
