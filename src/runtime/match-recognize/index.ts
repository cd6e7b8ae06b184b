// MATCH_RECOGNIZE's runtime: the pattern NFA, the per-key matcher and the operator.
export { ACCEPT, compileNfa, MAX_NFA_STATES } from './nfa.ts';
export type { MatchPattern, Nfa } from './nfa.ts';
export { MAX_THREADS_PER_ATTEMPT, PartitionMatcher } from './partition-matcher.ts';
export type { Attempt, MatchAggregate, MatcherProgram, Thread } from './partition-matcher.ts';
export { MatchRecognizeOperator } from './match-recognize-operator.ts';
export type { MatchRecognizeProgram } from './match-recognize-operator.ts';
