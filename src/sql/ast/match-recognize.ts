// MATCH_RECOGNIZE: row pattern matching over one input (learn.microsoft.com/stream-analytics-query/
// match-recognize-stream-analytics). The pattern is a small regular-expression tree.
import type { SourceSpan } from '../../common/index.ts';
import type { Expression } from './expression.ts';
import type { Identifier } from './identifier.ts';
import type { TimeSpan } from './over.ts';

export type Pattern = PatternVariable | PatternAny | PatternSequence | PatternAlternation | PatternQuantified;

export interface PatternVariable { readonly kind: 'PatternVariable'; readonly name: Identifier; readonly span: SourceSpan }
/** `.`: any event. */
export interface PatternAny { readonly kind: 'PatternAny'; readonly span: SourceSpan }
/** `A B C`: at least two items. */
export interface PatternSequence { readonly kind: 'PatternSequence'; readonly items: readonly Pattern[]; readonly span: SourceSpan }
/** `A | B`: at least two alternatives. */
export interface PatternAlternation {
  readonly kind: 'PatternAlternation';
  readonly alternatives: readonly Pattern[];
  readonly span: SourceSpan;
}
/** `*` is {0,∞}, `+` is {1,∞}, `?` is {0,1}; `{n,}`, `{n,m}`, `{n}`, `{,m}` also parse. */
export interface PatternQuantified {
  readonly kind: 'PatternQuantified';
  readonly pattern: Pattern;
  readonly quantifier: '*' | '+' | '?' | 'range';
  /** For 'range': the bounds written (min undefined = 0, max undefined = unbounded). */
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly span: SourceSpan;
}

export interface Measure { readonly kind: 'Measure'; readonly expr: Expression; readonly alias: Identifier; readonly span: SourceSpan }
export interface PatternDefinition {
  readonly kind: 'PatternDefinition';
  readonly name: Identifier;
  readonly condition: Expression;
  readonly span: SourceSpan;
}

export interface MatchRecognize {
  readonly kind: 'MatchRecognize';
  readonly limitDuration: TimeSpan;
  readonly partitionBy: readonly Expression[];
  readonly measures: readonly Measure[];
  /** Whether `AFTER MATCH SKIP TO NEXT ROW` was written (it is ASA's only mode either way). */
  readonly skipToNextRow: boolean;
  readonly pattern: Pattern;
  readonly define: readonly PatternDefinition[];
  readonly alias: Identifier;
  readonly span: SourceSpan;
}

type Fields<T> = Omit<T, 'kind'>;
export const patternVariable = (f: Fields<PatternVariable>): PatternVariable => ({ kind: 'PatternVariable', ...f });
export const patternAny = (f: Fields<PatternAny>): PatternAny => ({ kind: 'PatternAny', ...f });
export const patternSequence = (f: Fields<PatternSequence>): PatternSequence => ({ kind: 'PatternSequence', ...f });
export const patternAlternation = (f: Fields<PatternAlternation>): PatternAlternation => ({ kind: 'PatternAlternation', ...f });
export const patternQuantified = (f: Fields<PatternQuantified>): PatternQuantified => ({ kind: 'PatternQuantified', ...f });
export const measure = (f: Fields<Measure>): Measure => ({ kind: 'Measure', ...f });
export const patternDefinition = (f: Fields<PatternDefinition>): PatternDefinition => ({ kind: 'PatternDefinition', ...f });
export const matchRecognize = (f: Fields<MatchRecognize>): MatchRecognize => ({ kind: 'MatchRecognize', ...f });
