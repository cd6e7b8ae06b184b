// A hopping window keeps one running SUM/AVG per group: each hop merges the pane that entered and takes
// back the pane that left (unmerge). With float values that is exact only because the running total keeps an
// exact sum of the pane sums (exact-float-sum.ts); these tests hold it to "equal to rebuilding from the panes
// still in the window", bit for bit, and to never needing the rebuild for finite values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AsaValue } from '../../types/index.ts';
import type { AggregateAccumulator } from './aggregate-def.ts';
import { AVG, SUM } from './sum-avg.ts';
import { seededRandom } from './seeded-random.ts';

type Def = typeof SUM;
const create = (def: Def): AggregateAccumulator => def.create({ args: [] } as never);

function slide(def: Def, values: (next: () => number) => AsaValue, seed: number): void {
  const next = seededRandom(seed);
  const WINDOW = 6;
  const panes: AggregateAccumulator[] = [];
  const running = create(def);
  for (let hop = 0; hop < 80; hop++) {
    const pane = create(def);
    const events = Math.floor(next() * 4);
    for (let i = 0; i < events; i++) pane.add(values(next), undefined);
    panes.push(pane);
    running.merge(pane);
    if (panes.length > WINDOW) assert.equal(running.unmerge!(panes.shift()!), true, `${def.name}: the pane leaving is taken back exactly`);
    const rebuilt = create(def);
    for (const p of panes) rebuilt.merge(p);
    assert.equal(running.result(), rebuilt.result(), `${def.name}, seed ${seed}, hop ${hop}`);
  }
}

describe('running SUM and AVG over sliding panes equal a rebuild from the panes, bit for bit', () => {
  for (const def of [SUM, AVG]) {
    it(`${def.name}: floats of mixed magnitude (a plain running double would drift)`, () => {
      for (const seed of [1, 2, 3, 4, 5]) slide(def, (next) => (next() - 0.5) * 10 ** Math.floor(next() * 12 - 4), seed);
    });
    it(`${def.name}: whole numbers, NULLs and floats mixed`, () => {
      for (const seed of [6, 7, 8]) slide(def, (next) => (next() < 0.2 ? null : next() < 0.5 ? Math.floor(next() * 100) : next() * 100), seed);
    });
  }

  it('a non-finite value falls back to rebuilding (unmerge says no)', () => {
    const running = create(AVG);
    const a = create(AVG);
    a.add(Infinity, undefined);
    const b = create(AVG);
    b.add(1.5, undefined);
    running.merge(a);
    running.merge(b);
    assert.equal(running.unmerge!(a), false);
  });
});
