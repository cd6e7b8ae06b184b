// The PATTERN of MATCH_RECOGNIZE compiled once into a Thompson NFA whose split states list their
// branches in priority order (greedy quantifiers try one more repetition first, alternation tries its
// left branch first), so running it Pike-VM style finds the same match a backtracking regex would
// (learn.microsoft.com/stream-analytics-query/match-recognize-stream-analytics, "Pattern Quantifiers").
// Epsilon closures are precomputed per state: a step only tests variable states.

/** The pattern as the plan gives it; `var` index -1 is `.` (any event). */
export type MatchPattern =
  | { readonly kind: 'var'; readonly index: number }
  | { readonly kind: 'seq'; readonly items: readonly MatchPattern[] }
  | { readonly kind: 'alt'; readonly alternatives: readonly MatchPattern[] }
  | { readonly kind: 'repeat'; readonly pattern: MatchPattern; readonly min: number; readonly max: number | undefined };

/** Marks the accepting state in a closure list. */
export const ACCEPT = -1;

type State =
  | { kind: 'var'; v: number; next: number }
  | { kind: 'split'; a: number; b: number }
  | { kind: 'accept' };

export interface Nfa {
  /** Variable index of each state (-1 for `.`); meaningful for variable states only. */
  readonly vars: Int32Array;
  /** For each variable state: the ordered variable states (or ACCEPT) reachable after it consumes an event. */
  readonly after: readonly (readonly number[])[];
  /** The ordered variable states (or ACCEPT) a new match attempt starts in. */
  readonly start: readonly number[];
}

/** A bound on the states `{n,m}` may unroll to, so a typo like `{1,100000}` cannot eat the memory. */
export const MAX_NFA_STATES = 10_000;

export function compileNfa(pattern: MatchPattern): Nfa {
  const states: State[] = [{ kind: 'accept' }];
  const add = (s: State): number => {
    states.push(s);
    if (states.length > MAX_NFA_STATES) throw new RangeError(`the pattern unrolls to more than ${MAX_NFA_STATES} states`);
    return states.length - 1;
  };
  // Continuation style: compile(p, next) returns the entry state of p followed by `next`.
  const compile = (p: MatchPattern, next: number): number => {
    switch (p.kind) {
      case 'var':
        return add({ kind: 'var', v: p.index, next });
      case 'seq': {
        let cur = next;
        for (let i = p.items.length - 1; i >= 0; i--) cur = compile(p.items[i] as MatchPattern, cur);
        return cur;
      }
      case 'alt': {
        const entries = p.alternatives.map((a) => compile(a, next));
        let cur = entries[entries.length - 1] as number;
        for (let i = entries.length - 2; i >= 0; i--) cur = add({ kind: 'split', a: entries[i] as number, b: cur });
        return cur;
      }
      case 'repeat': {
        let rest: number;
        if (p.max === undefined) {
          const loop = add({ kind: 'split', a: -1, b: next });
          (states[loop] as { a: number }).a = compile(p.pattern, loop);
          rest = loop;
        } else {
          rest = next;
          for (let j = 0; j < p.max - p.min; j++) rest = add({ kind: 'split', a: compile(p.pattern, rest), b: next });
        }
        for (let j = 0; j < p.min; j++) rest = compile(p.pattern, rest);
        return rest;
      }
    }
  };
  const entry = compile(pattern, 0);
  const closure = (id: number): number[] => {
    const out: number[] = [];
    const seen = new Set<number>();
    const walk = (s: number): void => {
      if (seen.has(s)) return;
      seen.add(s);
      const st = states[s] as State;
      if (st.kind === 'accept') out.push(ACCEPT);
      else if (st.kind === 'var') out.push(s);
      else {
        walk(st.a);
        walk(st.b);
      }
    };
    walk(id);
    return out;
  };
  const vars = new Int32Array(states.length);
  const after: number[][] = states.map(() => []);
  states.forEach((s, i) => {
    if (s.kind === 'var') {
      vars[i] = s.v;
      after[i] = closure(s.next);
    }
  });
  return { vars, after, start: closure(entry) };
}
