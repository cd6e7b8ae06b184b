// Panes as numbers (PaneKernel) stand for the accumulator that took the same adds: for COUNT, SUM and AVG, a
// numeric pane fed the same values has the same state as an accumulator pane, and merging either into a
// running accumulator, or taking either back out, leaves the running accumulators identical — bit for bit,
// since the kernels call the accumulators' own merge code. A value the numbers cannot hold is refused before
// anything is added (the window then goes back to accumulators).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsaDateTime, type AsaValue } from '../../types/index.ts';
import type { AggregateAccumulator, AggregateDef, PaneKernel } from './aggregate-def.ts';
import { COUNT } from './count.ts';
import { seededRandom } from './seeded-random.ts';
import { AVG, SUM } from './sum-avg.ts';

const create = (def: AggregateDef): AggregateAccumulator => def.create({ constants: [], descending: [] });

/** The accumulator's data fields, as a checkpoint saves them (what "the same state" means). */
function fields(acc: AggregateAccumulator): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(acc)) if (typeof v !== 'function') out[k] = v;
  return out;
}

/** Whole numbers, floats of mixed magnitude, NULLs, and now and then what a number cannot hold. */
function value(next: () => number, odd: boolean): AsaValue {
  const r = next();
  if (r < 0.15) return null;
  if (r < 0.45) return Math.floor(next() * 1000) - 500;
  if (r < 0.8) return (next() - 0.5) * 10 ** Math.floor(next() * 10 - 3);
  if (!odd) return Math.round(next() * 10000) / 100;
  if (r < 0.84) return 'text';
  if (r < 0.88) return next() < 0.5;
  if (r < 0.92) return BigInt(Math.floor(next() * 100));
  if (r < 0.96) return new AsaDateTime(1_700_000_000_000);
  return 2 ** 53 - Math.floor(next() * 4);
}

function checkDef(def: AggregateDef, seed: number, odd: boolean): { refused: number; panes: number } {
  const kernel = def.paneKernel as PaneKernel;
  const next = seededRandom(seed);
  const running = create(def);
  const twin = create(def);
  const window: { acc: AggregateAccumulator; numbers: Float64Array }[] = [];
  let refused = 0;
  let panes = 0;
  for (let hop = 0; hop < 60; hop++) {
    const acc = create(def);
    const numbers = new Float64Array(kernel.width + 2);
    const at = 1; // not at the start of the array
    let fits = true;
    const events = Math.floor(next() * 5);
    for (let i = 0; i < events && fits; i++) {
      const v = value(next, odd);
      const before = numbers.slice();
      if (!kernel.fits(numbers, at, v)) {
        assert.deepEqual(numbers, before, 'a refused value changes nothing');
        fits = false;
        refused++;
        break;
      }
      kernel.add(numbers, at, v);
      acc.add(v, undefined);
    }
    if (!fits) continue;
    panes++;
    assert.deepEqual(fields(kernel.toAccumulator(numbers, at)), fields(acc), `${def.name}: the numbers are the accumulator's state`);
    const back = new Float64Array(kernel.width + 2);
    assert.equal(kernel.fromAccumulator(acc, back, at), true);
    assert.deepEqual(back, numbers, `${def.name}: and back`);
    kernel.merge(running, numbers, at);
    twin.merge(acc);
    window.push({ acc, numbers });
    if (window.length > 5) {
      const leaving = window.shift()!;
      assert.equal(kernel.unmerge(running, leaving.numbers, at), twin.unmerge!(leaving.acc), `${def.name}: unmerge agrees`);
    }
    assert.deepEqual(fields(running), fields(twin), `${def.name}, seed ${seed}, hop ${hop}: same running state`);
    assert.ok(Object.is(running.result(), twin.result()), `${def.name}, seed ${seed}, hop ${hop}: same result`);
  }
  return { refused, panes };
}

describe('pane kernels: a pane as numbers is the accumulator pane it stands for', () => {
  for (const def of [COUNT, SUM, AVG]) {
    it(`${def.name}: numbers, floats and NULLs — every pane as numbers, the same running results`, () => {
      for (const seed of [1, 2, 3, 4, 5, 6]) assert.equal(checkDef(def, seed, false).refused, 0);
    });
    it(`${def.name}: text, bits, bigints, datetimes and sums near 2^53 — the same wherever the numbers take them`, () => {
      let panes = 0;
      for (const seed of [11, 12, 13, 14, 15, 16]) panes += checkDef(def, seed, true).panes;
      assert.ok(panes > 100);
    });
  }

  it('SUM refuses what would leave the numbers: a whole sum past 2^53, a bigint, a bit', () => {
    const kernel = SUM.paneKernel as PaneKernel;
    const numbers = new Float64Array(kernel.width);
    assert.equal(kernel.fits(numbers, 0, 2 ** 53), true, 'a first value is kept as it is');
    kernel.add(numbers, 0, 2 ** 53 - 2);
    assert.equal(kernel.fits(numbers, 0, 1), true);
    assert.equal(kernel.fits(numbers, 0, 2), false, 'the accumulator would move to a bigint');
    assert.equal(kernel.fits(numbers, 0, 2.5), true, 'a float sum stays a double');
    assert.equal(kernel.fits(numbers, 0, 1n), false);
    assert.equal(kernel.fits(numbers, 0, true), false);
    assert.equal(kernel.fits(numbers, 0, 'skipped'), true, 'a value SUM skips');
  });

  it('AVG and COUNT take every value; a running SUM merged from floats does not go back to numbers', () => {
    for (const v of [null, 1n, true, 'x', 3.5]) {
      assert.equal((AVG.paneKernel as PaneKernel).fits(new Float64Array(3), 0, v), true);
      assert.equal((COUNT.paneKernel as PaneKernel).fits(new Float64Array(1), 0, v), true);
    }
    const running = create(SUM);
    const pane = create(SUM);
    pane.add(0.1, undefined);
    running.merge(pane);
    running.merge(pane);
    assert.equal((SUM.paneKernel as PaneKernel).fromAccumulator(running, new Float64Array(3), 0), false, 'it keeps exact partials');
  });
});
