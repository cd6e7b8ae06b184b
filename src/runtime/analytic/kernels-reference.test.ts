// Property test: every kernel against a brute-force reference that re-reads the whole history for each
// event, on random streams (several keys, NULLs, WHEN, equal timestamps), with watermark sweeps and a
// checkpoint/restore round trip part-way through — neither may change a result.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AsaRecord, AsaValue } from '../../types/index.ts';
import { EvalContext } from '../eval-context.ts';
import type { AnalyticCallProgram, AnalyticFn } from './analytic-kernel.ts';
import { createAnalyticKernel } from './analytic-operator.ts';

interface Ev {
  t: number;
  k: string;
  v: number | null;
  w: boolean;
}

/** A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stream(seed: number, n: number): Ev[] {
  const r = rng(seed);
  const out: Ev[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += r() < 0.2 ? 0 : Math.floor(r() * 4000);
    const v = r() < 0.15 ? null : r() < 0.1 ? Math.round(r() * 1000) / 8 : Math.floor(r() * 100) - 50;
    out.push({ t, k: `k${Math.floor(r() * 3)}`, v, w: r() < 0.6 });
  }
  return out;
}

const D = 10_000;
const visible = (e: Ev, now: Ev): boolean => e.t > now.t - D;

/** What each function should return for event i, from the events before it (brute force). */
function reference(fn: AnalyticFn, evs: Ev[], i: number, offset: number): AsaValue {
  const cur = evs[i] as Ev;
  const same = evs.slice(0, i).filter((e) => e.k === cur.k && e.w);
  switch (fn) {
    case 'LAG': {
      const e = same[same.length - offset];
      return e !== undefined && visible(e, cur) ? e.v : -1;
    }
    case 'LAST': {
      if (cur.w) return cur.v;
      const e = same[same.length - 1];
      return e !== undefined && visible(e, cur) ? e.v : -1;
    }
    case 'ISFIRST': {
      if (!cur.w) return 0;
      const end = (t: number): number => Math.ceil(t / D) * D;
      return same.some((e) => end(e.t) === end(cur.t)) ? 0 : 1;
    }
    default: {
      const vals = [...same, ...(cur.w ? [cur] : [])].filter((e) => visible(e, cur) && e.v !== null).map((e) => e.v as number);
      if (vals.length === 0) return null;
      if (fn === 'SUM') return vals.reduce((a, b) => a + b, 0);
      if (fn === 'AVG') return vals.reduce((a, b) => a + b, 0) / vals.length;
      return fn === 'MIN' ? Math.min(...vals) : Math.max(...vals);
    }
  }
}

function program(fn: AnalyticFn, offset: number): AnalyticCallProgram {
  const row = (ctx: EvalContext): AsaRecord => ctx.slots[0] as AsaRecord;
  return {
    fn,
    value: (ctx) => row(ctx)['v'] ?? null,
    offset,
    dflt: () => -1,
    durationMs: D,
    key: (ctx) => String(row(ctx)['k']),
    when: (ctx) => row(ctx)['w'] === true,
  };
}

describe('analytic kernels match a brute-force reference on random streams', () => {
  const cases: [AnalyticFn, number][] = [['LAG', 1], ['LAG', 3], ['LAST', 0], ['ISFIRST', 0], ['SUM', 0], ['AVG', 0], ['MIN', 0], ['MAX', 0]];
  for (const [fn, offset] of cases) {
    it(`${fn}${offset > 1 ? ` offset ${offset}` : ''}: 20 streams of 400 events, sweeps on every 7th event, a restore at the middle`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const evs = stream(seed * 7919 + offset, 400);
        let kernel = createAnalyticKernel(program(fn, offset));
        const ctx = new EvalContext();
        evs.forEach((e, i) => {
          if (i === 200) {
            const fresh = createAnalyticKernel(program(fn, offset));
            fresh.restore(structuredClone(kernel.checkpoint()));
            kernel = fresh;
          }
          // Later events are at or after this one: the watermark may be here.
          if (i % 7 === 0) kernel.evict(e.t);
          ctx.slots[0] = { k: e.k, v: e.v, w: e.w };
          ctx.timeMs = e.t;
          const got = kernel.next(ctx, e.k);
          const want = reference(fn, evs, i, offset);
          const ok = typeof got === 'number' && typeof want === 'number' ? Math.abs(got - want) < 1e-9 : got === want;
          assert.ok(ok, `seed ${seed}, event ${i} (${JSON.stringify(e)}): got ${String(got)}, want ${String(want)}`);
        });
      }
    });
  }
});
