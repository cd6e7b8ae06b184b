// The MATCH_RECOGNIZE matcher without the planner: each quantifier, alternation, greedy choice,
// SKIP TO NEXT ROW overlaps, LIMIT DURATION expiry, history-dependent DEFINEs and a state round trip.
// Events are letters; variable X accepts an event whose `v` is 'X' (DEFINE X AS X.v = 'X').
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AsaRecord } from '../../types/index.ts';
import { EvalContext, type Predicate } from '../eval-context.ts';
import { compileNfa, type MatchPattern } from './nfa.ts';
import { PartitionMatcher, fillClassifier, type MatcherProgram, type Thread } from './partition-matcher.ts';

const V = (index: number): MatchPattern => ({ kind: 'var', index });
const seq = (...items: MatchPattern[]): MatchPattern => ({ kind: 'seq', items });
const alt = (...alternatives: MatchPattern[]): MatchPattern => ({ kind: 'alt', alternatives });
const rep = (pattern: MatchPattern, min: number, max: number | undefined): MatchPattern => ({ kind: 'repeat', pattern, min, max });
const [A, B, C] = [V(0), V(1), V(2)];

function program(pattern: MatchPattern, limitMs = 1e9, conditions?: (Predicate | undefined)[]): MatcherProgram {
  const names = ['A', 'B', 'C'];
  return {
    nfa: compileNfa(pattern),
    variables: names,
    conditions: conditions ?? names.map((n) => (ctx: EvalContext) => (ctx.slots[0] as AsaRecord)['v'] === n),
    historyDependent: conditions !== undefined,
    aggregates: [{ fn: 'classifier', variable: -1, path: [] }],
    limitMs,
  };
}

/** Runs `letters` (one per second) and returns each match as "start:classifier". */
function run(p: MatcherProgram, letters: string, expireAt = Infinity): string[] {
  const m = new PartitionMatcher(p, new EvalContext());
  const out: Thread[] = [];
  [...letters].forEach((v, i) => m.step({ v, i }, i * 1000, out));
  m.expire(expireAt, out);
  return out.map((t) => {
    const aggs = t.aggs.slice();
    fillClassifier(aggs, p, t.sig);
    const names = aggs[0] as string[];
    return `${(t.row['i'] as number) - names.length + 1}:${names.join('')}`;
  }).sort();
}

describe('MATCH_RECOGNIZE matcher (MATCH_RECOGNIZE page: quantifiers, SKIP TO NEXT ROW)', () => {
  it('+ is greedy; every start gets its own attempt, but one ending inside the match already reported is not reported', () => {
    assert.deepEqual(run(program(seq(rep(A, 1, undefined), B)), 'AAAB'), ['0:AAAB']);
    // Overlapping matches that reach further are all reported (SKIP TO NEXT ROW).
    assert.deepEqual(run(program(seq(A, rep(A, 0, 1))), 'AAA'), ['0:AA', '1:AA']);
  });

  it('* allows zero repetitions; ? at most one', () => {
    assert.deepEqual(run(program(seq(A, rep(B, 0, undefined), C)), 'ACABBC'), ['0:AC', '2:ABBC']);
    assert.deepEqual(run(program(seq(rep(A, 0, 1), B)), 'AABB'), ['1:AB', '3:B']);
  });

  it('{n}, {n,}, {n,m} and {,m} bound the repetitions', () => {
    assert.deepEqual(run(program(rep(A, 2, 2)), 'AAA'), ['0:AA', '1:AA']);
    assert.deepEqual(run(program(seq(rep(A, 2, undefined), B)), 'AAABAB'), ['0:AAAB']);
    assert.deepEqual(run(program(seq(rep(A, 1, 2), B)), 'AAAB'), ['1:AAB']);
    assert.deepEqual(run(program(seq(rep(A, 0, 2), B)), 'AAAB'), ['1:AAB']);
  });

  it('alternation and grouping: A+ (B | C), the left branch first', () => {
    assert.deepEqual(run(program(seq(rep(A, 1, undefined), alt(B, C))), 'AACAB'), ['0:AAC', '3:AB']);
    assert.deepEqual(run(program(alt(seq(A, B), seq(A, C))), 'ACAB'), ['0:AC', '2:AB']);
    assert.deepEqual(run(program(rep(seq(A, B), 1, undefined)), 'ABABA'), ['0:ABAB']);
  });

  it('a greedy match is reported only when it can no longer grow, and the longest one wins', () => {
    const p = program(rep(A, 1, undefined));
    const m = new PartitionMatcher(p, new EvalContext());
    const out: Thread[] = [];
    m.step({ v: 'A' }, 0, out);
    m.step({ v: 'A' }, 1000, out);
    assert.equal(out.length, 0, 'A+ may still grow');
    m.step({ v: 'B' }, 2000, out);
    assert.deepEqual(out.map((t) => t.sig.length), [2]);
  });

  it('LIMIT DURATION: an event beyond the first event + duration ends the attempt; the watermark expires it too', () => {
    const p = program(seq(A, rep(B, 1, undefined)), 2000);
    assert.deepEqual(run(p, 'ABBBB'), ['0:ABB']);
    const m = new PartitionMatcher(p, new EvalContext());
    const out: Thread[] = [];
    m.step({ v: 'A' }, 0, out);
    m.step({ v: 'B' }, 1000, out);
    m.expire(2000, out);
    assert.equal(out.length, 0, 'an event at exactly first + duration may still come');
    m.expire(2001, out);
    assert.equal(out.length, 1);
    assert.equal(m.attempts.length, 0, 'no state is left once every attempt ended');
  });

  it('history-dependent DEFINE: B accepts only a value above the running Max of A (aggregates per thread)', () => {
    const p: MatcherProgram = {
      ...program(seq(rep(A, 1, undefined), B)),
      aggregates: [{ fn: 'classifier', variable: -1, path: [] }, { fn: 'max', variable: 0, path: ['x'] }],
      conditions: [
        (ctx) => (ctx.slots[0] as AsaRecord)['v'] === 'A',
        (ctx) => (ctx.slots[0] as AsaRecord)['v'] === 'B' && ((ctx.slots[0] as AsaRecord)['x'] as number) > (ctx.aggregates[1] as number),
      ],
      historyDependent: true,
    };
    const m = new PartitionMatcher(p, new EvalContext());
    const out: Thread[] = [];
    // A5 A9 B7: 7 is not above Max(A) = 9 from either start; A3 B4 matches with Max(A) = 3.
    [{ v: 'A', x: 5 }, { v: 'A', x: 9 }, { v: 'B', x: 7 }, { v: 'A', x: 3 }, { v: 'B', x: 4 }].forEach((r, i) => m.step(r, i, out));
    m.expire(Infinity, out);
    assert.deepEqual(out.map((t) => t.aggs[1]), [3]);
  });

  it('attempts are plain data: a structured clone restored into a fresh matcher gives the same matches', () => {
    const p = program(seq(rep(A, 1, undefined), B, rep(C, 0, undefined)));
    const letters = 'AABCCAB';
    const whole = run(p, letters);
    const first = new PartitionMatcher(p, new EvalContext());
    const out: Thread[] = [];
    [...letters].slice(0, 3).forEach((v, i) => first.step({ v, i }, i * 1000, out));
    const second = new PartitionMatcher(p, new EvalContext());
    second.attempts = structuredClone(first.attempts);
    second.count = first.count;
    second.lastEnd = first.lastEnd;
    [...letters].slice(3).forEach((v, j) => second.step({ v, i: j + 3 }, (j + 3) * 1000, out));
    second.expire(Infinity, out);
    const got = out.map((t) => { const a = t.aggs.slice(); fillClassifier(a, p, t.sig); return `${(t.row['i'] as number) - (a[0] as string[]).length + 1}:${(a[0] as string[]).join('')}`; }).sort();
    assert.deepEqual(got, whole);
  });
});
