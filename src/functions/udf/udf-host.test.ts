// The JavaScript UDF host: isolation, the time limit, ASA's type mapping and error reporting
// ("JavaScript user-defined functions in Azure Stream Analytics" page).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsaDateTime } from '../../types/index.ts';
import { UdfHost } from './index.ts';

describe('UdfHost', () => {
  it('runs the page\'s hex2Int example (a named function, not main)', () => {
    const host = new UdfHost();
    host.define('hex2Int', 'function hex2Int(hexValue) { return parseInt(hexValue, 16); }');
    assert.equal(host.bind('HEX2INT')(['ff']), 255);
  });

  it('cannot reach process, require or the engine, not even through constructor.constructor', () => {
    const host = new UdfHost();
    host.define('probe', `function main(o) {
      const f = o.constructor.constructor;
      return [typeof process, typeof require, typeof console, typeof setTimeout, f('return typeof process')()];
    }`);
    assert.deepEqual(host.bind('probe')([{ a: 1 }]), ['undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('stops a busy loop at the time limit with SLUICE_UDF_TIMEOUT naming the function', () => {
    const errors: string[] = [];
    const host = new UdfHost({ timeLimitMs: 50, onError: (name) => errors.push(name) });
    host.define('spin', 'function main() { for (;;) {} }');
    assert.throws(() => host.bind('spin')([]), (err: Error & { code?: string }) => err.code === 'SLUICE_UDF_TIMEOUT' && /udf\.spin/.test(err.message));
    assert.deepEqual(errors, ['spin']);
  });

  it('maps ASA ↔ JS types as the conversion tables say', () => {
    const host = new UdfHost();
    host.define('echo', 'function main(x) { return x; }');
    host.define('kinds', 'function main(d, r) { return [d instanceof Date, d.getTime(), typeof r.n, Array.isArray(r.a)]; }');
    host.define('odd', 'function main(k) { return k === 1 ? undefined : k === 2 ? NaN : k === 3 ? 3.0 : k === 4 ? 2.5 : new Date(0); }');
    const echo = host.bind('echo');
    assert.deepEqual(echo([{ a: [1, 'x', null], b: true }]), { a: [1, 'x', null], b: true });
    const dt = AsaDateTime.fromEpochMs(1_700_000_000_123);
    assert.deepEqual(host.bind('kinds')([dt, { n: 5, a: [] }]), [true, 1_700_000_000_123, 'number', true]);
    const odd = host.bind('odd');
    assert.equal(odd([1]), null);
    assert.equal(odd([2]), null);
    assert.equal(odd([3]), 3);
    assert.equal(odd([4]), 2.5);
    assert.ok(odd([5]) instanceof AsaDateTime);
  });

  it('a returned function is a runtime error; a throw is SLUICE_UDF_ERROR with the message and a counter', () => {
    const host = new UdfHost();
    host.define('fn', 'function main() { return function () {}; }');
    host.define('boom', "function main() { throw new Error('bad input'); }");
    assert.throws(() => host.bind('fn')([]), (err: Error & { code?: string }) => err.code === 'SLUICE_UDF_RESULT');
    assert.throws(() => host.bind('boom')([]), (err: Error & { code?: string }) => err.code === 'SLUICE_UDF_ERROR' && /udf\.boom.*bad input/.test(err.message));
    assert.equal(host.errors.get('boom'), 1);
  });

  it('a source without a function is a compile error', () => {
    assert.throws(() => new UdfHost().define('x', 'var a = 1;'), (err: Error & { code?: string }) => err.code === 'SLUICE_UDF_COMPILE');
  });
});
