// The JavaScript UDA host part (uda.ts through UdfHost.defineAggregate/aggregate): the ASA template's
// methods are called as the page describes, deaccumulate/deaccumulateState take events and panes back
// out, AccumulateOnly UDAs say they cannot, checkpoints round-trip, and broken scripts, throws and
// endless loops are specific errors counted as UDF errors.
// https://learn.microsoft.com/azure/stream-analytics/stream-analytics-javascript-user-defined-aggregates
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSluiceError } from '../../common/index.ts';
import { AsaDateTime, type AsaValue } from '../../types/index.ts';
import { UdfHost } from './udf-host.ts';

const TEMPLATE = `function main() {
  this.init = function () { this.state = 0; this.calls = []; };
  this.accumulate = function (value, timestamp) { this.state += value; this.calls.push('acc ' + value + ' ' + timestamp.toISOString()); };
  this.deaccumulate = function (value, timestamp) { this.state -= value; this.calls.push('deacc ' + value); };
  this.deaccumulateState = function (otherState) { this.state -= otherState.state; this.calls.push('deaccState ' + otherState.state); };
  this.computeResult = function () { return { state: this.state, calls: this.calls }; };
}`;
const ACCUMULATE_ONLY = `function main() {
  this.init = function () { this.n = 0; };
  this.accumulate = function (value, timestamp) { this.n++; };
  this.computeResult = function () { return this.n; };
}`;

const T0 = Date.UTC(2024, 0, 1);

function code(f: () => unknown): string {
  try {
    f();
    return 'no error';
  } catch (err) {
    return isSluiceError(err) ? `${err.code}: ${err.message}` : String(err);
  }
}

describe('JavaScript UDAs (UdfHost.defineAggregate)', () => {
  it('calls init, accumulate(value, timestamp as a Date) and computeResult; the result comes back as ASA values', () => {
    const host = new UdfHost();
    host.defineAggregate('Tmpl', TEMPLATE);
    const make = host.aggregate('tmpl');
    assert.ok(make !== undefined);
    const acc = make(false);
    acc.add(2, [T0 + 1000]);
    acc.add(5, [T0 + 2000]);
    assert.deepEqual(acc.result(), { state: 7, calls: ['acc 2 2024-01-01T00:00:01.000Z', 'acc 5 2024-01-01T00:00:02.000Z'] });
    // The load-time probe's main(), then main, init, 2 × accumulate and computeResult.
    assert.equal(host.calls.get('tmpl'), 6);
  });

  it('deaccumulate takes an event back out; deaccumulateState takes a whole pane out', () => {
    const host = new UdfHost();
    host.defineAggregate('tmpl', TEMPLATE);
    const make = host.aggregate('tmpl');
    assert.ok(make !== undefined);
    const running = make(false);
    const pane = make(true);
    pane.add(3, [T0]);
    pane.add(4, [T0 + 1]);
    running.merge(pane);
    running.add(10, [T0 + 2]);
    assert.equal(running.remove(10, [T0 + 2]), true);
    assert.equal(running.unmerge(pane), true);
    assert.deepEqual((running.result() as { state: AsaValue }).state, 0);
    assert.deepEqual(((running.result() as { calls: AsaValue[] }).calls).slice(-2), ['deacc 10', 'deaccState 7']);
  });

  it('an AccumulateOnly UDA cannot take inputs back (the window rebuilds it); merging replays kept inputs', () => {
    const host = new UdfHost();
    host.defineAggregate('n', ACCUMULATE_ONLY);
    const make = host.aggregate('n');
    assert.ok(make !== undefined);
    const pane = make(true);
    pane.add('a', [T0]);
    pane.add('b', [T0]);
    const other = make(false);
    other.merge(pane);
    other.merge(pane);
    assert.equal(other.result(), 4);
    assert.equal(other.remove('a', [T0]), false);
    assert.equal(other.unmerge(pane), false);
  });

  it('checkpoints keep the data properties and kept inputs, not the methods', () => {
    const host = new UdfHost();
    host.defineAggregate('tmpl', TEMPLATE);
    const make = host.aggregate('tmpl');
    assert.ok(make !== undefined);
    const a = make(true);
    a.add(6, [T0]);
    const saved = structuredClone(a.saveState());
    const b = make(true);
    b.loadState(saved);
    b.add(1, [new AsaDateTime(T0 + 5).epochMs]);
    assert.equal((b.result() as { state: AsaValue }).state, 7);
    const c = make(false);
    c.merge(b);
    assert.equal((c.result() as { state: AsaValue }).state, 7);
  });

  it('errors: a script without main or methods is SLUICE_UDA_COMPILE; a throw is SLUICE_UDA_ERROR counted as a UDF error; an endless loop times out', () => {
    const host = new UdfHost({ timeLimitMs: 100 });
    assert.match(code(() => host.defineAggregate('x', 'var y = 1;')), /^SLUICE_UDA_COMPILE: .*uda\.x.*no function main/);
    assert.match(code(() => host.defineAggregate('x', 'function main() { this.init = function () {}; }')), /^SLUICE_UDA_COMPILE: .*this\.accumulate/);
    assert.match(code(() => host.defineAggregate('x', 'function main( {')), /^SLUICE_UDA_COMPILE: .*does not load/);
    const reported: string[] = [];
    const host2 = new UdfHost({ timeLimitMs: 100, onError: (name, e) => reported.push(`${name} ${e.code}`) });
    host2.defineAggregate('bad', 'function main() { this.init = function () {}; this.accumulate = function (v) { null.x; }; this.computeResult = function () { return 1; }; }');
    host2.defineAggregate('slow', 'function main() { this.init = function () {}; this.accumulate = function (v) { for (;;) {} }; this.computeResult = function () { return 1; }; }');
    const bad = host2.aggregate('bad')?.(false);
    assert.match(code(() => bad?.add(1, [T0])), /^SLUICE_UDA_ERROR: JavaScript UDA 'uda\.bad' threw in accumulate: /);
    assert.equal(host2.errors.get('bad'), 1);
    const slow = host2.aggregate('slow')?.(false);
    assert.match(code(() => slow?.add(1, [T0])), /^SLUICE_UDF_TIMEOUT: JavaScript UDA 'uda\.slow' ran longer than 100 ms/);
    assert.deepEqual(reported, ['bad SLUICE_UDA_ERROR', 'slow SLUICE_UDF_TIMEOUT']);
    assert.equal(host2.aggregate('nope'), undefined);
  });
});
