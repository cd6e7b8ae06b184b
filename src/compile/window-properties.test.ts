// Property tests: every window type against a brute-force reference on random data (seeded PRNG),
// with events delivered out of order over two partitions under the job's time policies, so windows
// close while data is still coming. The job also writes each event with the System.Timestamp() the
// policies gave it (or drops it); the reference recomputes every window from those rows alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planScript } from '../plan/index.ts';
import { MemorySink, inputBatch } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaDateTime, AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ev { k: string; x: number | null; t: number }
interface Result { k: string; c: number; s: number | null; mx: number | null; e: number }

const BASE = Date.UTC(2024, 0, 1);

/**
 * The third aggregate: MAX(x) (not invertible: hopping windows use two stacks, sliding windows rebuild)
 * or COUNT(x) (with COUNT(*) and SUM(x) every aggregate subtracts: hopping windows keep one running
 * aggregate per group and reuse evicted panes, sliding windows take leaving events back out).
 */
let third: 'MAX' | 'COUNT' = 'MAX';

/** Runs `window` over random events; returns the engine's results and the events as the policies timed them. */
async function run(window: string, seed: number, partitionBy = false): Promise<{ got: Result[]; events: Ev[] }> {
  const rnd = mulberry32(seed);
  const n = 150 + Math.floor(rnd() * 150);
  const raw: { row: AsaRecord; arrival: number; partition: number }[] = [];
  let clock = BASE;
  for (let i = 0; i < n; i++) {
    clock += Math.floor(rnd() * 4) * 250;
    // Event time up to 4 s before arrival: some in order, some out of order, a few beyond tolerance.
    const t = clock - Math.floor(rnd() * 16) * 250;
    const x = rnd() < 0.1 ? null : Math.floor(rnd() * 100);
    raw.push({ row: { k: `k${Math.floor(rnd() * 3)}`, x, et: new Date(t).toISOString() }, arrival: clock, partition: rnd() < 0.5 ? 0 : 1 });
  }
  const over = partitionBy ? ' OVER (PARTITION BY k)' : '';
  const query = `SELECT k, x, System.Timestamp() AS ts INTO raw FROM input TIMESTAMP BY et
    SELECT k, COUNT(*) AS c, SUM(x) AS s, ${third}(x) AS mx, System.Timestamp() AS e INTO out FROM input TIMESTAMP BY et GROUP BY k, ${window}${over}`;
  const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['raw', 'out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
  const rawSink = new MemorySink();
  const out = new MemorySink();
  const action = seed % 2 === 0 ? 'adjust' : 'drop';
  const graph = compilePlan(plan, { sinks: { raw: rawSink, out }, timePolicy: { lateArrivalMs: 3000, outOfOrderMs: 1000, action, earlyArrivalMs: 300_000 } });
  let i = 0;
  while (i < raw.length) {
    const size = 1 + Math.floor(rnd() * 8);
    const part = raw[i]?.partition ?? 0;
    const slice: typeof raw = [];
    while (i < raw.length && slice.length < size && raw[i]?.partition === part) slice.push(raw[i++] as (typeof raw)[number]);
    graph.push('input', inputBatch(slice.map((s) => s.row), slice.map((s) => s.arrival), part));
  }
  await graph.end();
  const ms = (v: unknown): number => (v as AsaDateTime).epochMs;
  const events = rawSink.rows.map((r) => ({ k: r.k as string, x: r.x as number | null, t: ms(r.ts) }));
  const got = out.rows.map((r) => ({ k: r.k as string, c: r.c as number, s: r.s as number | null, mx: r.mx as number | null, e: ms(r.e) }));
  return { got, events };
}

function aggregate(k: string, evs: readonly Ev[], e: number): Result {
  const xs = evs.map((v) => v.x).filter((x): x is number => x !== null);
  const mx = third === 'COUNT' ? xs.length : xs.length ? Math.max(...xs) : null;
  return { k, c: evs.length, s: xs.length ? xs.reduce((a, b) => a + b, 0) : null, mx, e };
}

function byKey(events: readonly Ev[]): Map<string, Ev[]> {
  const m = new Map<string, Ev[]>();
  for (const v of events) m.set(v.k, [...(m.get(v.k) ?? []), v]);
  return m;
}

function hoppingReference(events: readonly Ev[], size: number, hop: number): Result[] {
  const out: Result[] = [];
  for (const [k, evs] of byKey(events)) {
    const ends = new Set<number>();
    for (const v of evs) for (let e = Math.ceil(v.t / hop) * hop; e - size < v.t; e += hop) ends.add(e);
    for (const e of ends) out.push(aggregate(k, evs.filter((v) => v.t > e - size && v.t <= e), e));
  }
  return out;
}

function slidingReference(events: readonly Ev[], size: number): Result[] {
  const out: Result[] = [];
  for (const [k, evs] of byKey(events)) {
    const ends = new Set(evs.flatMap((v) => [v.t, v.t + size]));
    for (const e of ends) {
      const inside = evs.filter((v) => v.t > e - size && v.t <= e);
      if (inside.length) out.push(aggregate(k, inside, e));
    }
  }
  return out;
}

function sessionReference(events: readonly Ev[], timeout: number, max: number): Result[] {
  const out: Result[] = [];
  for (const [k, evs] of byKey(events)) {
    const sorted = [...evs].sort((a, b) => a.t - b.t);
    let start = NaN;
    let last = NaN;
    let cur: Ev[] = [];
    const end = (): number => Math.min(last + timeout, Math.ceil((start + max) / max) * max);
    const close = (upTo: number): void => {
      while (!Number.isNaN(start) && end() < upTo) {
        const e = end();
        if (cur.length) out.push(aggregate(k, cur, e));
        cur = [];
        if (last + timeout <= e) start = NaN;
        else start = e;
      }
    };
    for (const v of sorted) {
      close(v.t);
      if (Number.isNaN(start)) start = last = v.t;
      last = Math.max(last, v.t);
      cur.push(v);
    }
    close(Infinity);
  }
  return out;
}

function snapshotReference(events: readonly Ev[]): Result[] {
  const out: Result[] = [];
  for (const [k, evs] of byKey(events)) for (const t of new Set(evs.map((v) => v.t))) out.push(aggregate(k, evs.filter((v) => v.t === t), t));
  return out;
}

const canon = (rs: readonly Result[]): string[] => rs.map((r) => JSON.stringify([r.e, r.k, r.c, r.s, r.mx])).sort();

describe('window properties: the engine equals a brute-force reference on random out-of-order data', () => {
  const seeds = Array.from({ length: 16 }, (_, i) => i + 1);
  it('TumblingWindow(second, 2)', async () => {
    for (const seed of seeds) {
      const { got, events } = await run('TumblingWindow(second, 2)', seed);
      assert.deepEqual(canon(got), canon(hoppingReference(events, 2000, 2000)), `seed ${seed}`);
    }
  });
  it('HoppingWindow(second, 3, 1) and HoppingWindow(millisecond, 2500, 750) (panes of gcd(size, hop))', async () => {
    for (const seed of seeds) {
      const a = await run('HoppingWindow(second, 3, 1)', seed);
      assert.deepEqual(canon(a.got), canon(hoppingReference(a.events, 3000, 1000)), `seed ${seed}`);
      const b = await run('HoppingWindow(millisecond, 2500, 750)', seed);
      assert.deepEqual(canon(b.got), canon(hoppingReference(b.events, 2500, 750)), `seed ${seed}`);
    }
  });
  it('COUNT(*), SUM, COUNT (all invertible): HoppingWindow(second, 3, 1), HoppingWindow(millisecond, 2500, 750), SlidingWindow(second, 2)', async () => {
    third = 'COUNT';
    try {
      for (const seed of seeds) {
        const a = await run('HoppingWindow(second, 3, 1)', seed);
        assert.deepEqual(canon(a.got), canon(hoppingReference(a.events, 3000, 1000)), `seed ${seed}`);
        const b = await run('HoppingWindow(millisecond, 2500, 750)', seed);
        assert.deepEqual(canon(b.got), canon(hoppingReference(b.events, 2500, 750)), `seed ${seed}`);
        const c = await run('SlidingWindow(second, 2)', seed);
        assert.deepEqual(canon(c.got), canon(slidingReference(c.events, 2000)), `seed ${seed}`);
      }
    } finally {
      third = 'MAX';
    }
  });
  it('SlidingWindow(second, 2)', async () => {
    for (const seed of seeds) {
      const { got, events } = await run('SlidingWindow(second, 2)', seed);
      assert.deepEqual(canon(got), canon(slidingReference(events, 2000)), `seed ${seed}`);
    }
  });
  it('SessionWindow(second, 1, 5) OVER (PARTITION BY k)', async () => {
    for (const seed of seeds) {
      const { got, events } = await run('SessionWindow(second, 1, 5)', seed, true);
      assert.deepEqual(canon(got), canon(sessionReference(events, 1000, 5000)), `seed ${seed}`);
    }
  });
  it('snapshot: GROUP BY System.Timestamp()', async () => {
    for (const seed of seeds) {
      const { got, events } = await run('System.Timestamp()', seed);
      assert.deepEqual(canon(got), canon(snapshotReference(events)), `seed ${seed}`);
    }
  });
});

describe('hopping windows with an offset: the running-aggregate path equals the two-stack path', () => {
  it('HoppingWindow(second, 5, 2, 1) and HoppingWindow(millisecond, 3000, 1000, 250) on random data', async () => {
    for (const window of ['HoppingWindow(second, 5, 2, 1)', 'HoppingWindow(millisecond, 3000, 1000, 250)']) {
      for (const seed of [3, 4, 5, 6]) {
        third = 'COUNT';
        const running = await run(window, seed).finally(() => (third = 'MAX'));
        const stacks = await run(window, seed);
        const key = (r: Result): string => JSON.stringify([r.e, r.k, r.c, r.s]);
        assert.deepEqual(running.got.map(key).sort(), stacks.got.map(key).sort(), `${window} seed ${seed}`);
        assert.ok(running.got.length > 0);
      }
    }
  });
});
