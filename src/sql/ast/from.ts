// The FROM clause: an input or step, joined to others or expanded with APPLY, as a left-deep tree.
import type { SourceSpan } from '../../common/index.ts';
import type { Expression, FunctionCall, NumberLiteral } from './expression.ts';
import type { Identifier } from './identifier.ts';
import type { MatchRecognize } from './match-recognize.ts';

export type FromItem = InputSource | Join | Apply;

/** `TIMESTAMP BY expr [OVER key, …]`. */
export interface TimestampBy {
  readonly kind: 'TimestampBy';
  readonly expr: Expression;
  /** Substream keys: each key value gets its own timeline. */
  readonly over: readonly Expression[];
  readonly span: SourceSpan;
}

/** `name [[AS] alias] [TIMESTAMP BY …] [PARTITION BY k, … [INTO n]] [MATCH_RECOGNIZE (…) AS m]`. */
export interface InputSource {
  readonly kind: 'InputSource';
  /** An input alias or a WITH step; the binder decides which. */
  readonly name: Identifier;
  readonly alias: Identifier | undefined;
  readonly timestampBy: TimestampBy | undefined;
  readonly partitionBy: readonly Expression[];
  /** `PARTITION BY k INTO 10`: the partition-count hint. */
  readonly partitionCount: NumberLiteral | undefined;
  readonly matchRecognize: MatchRecognize | undefined;
  readonly span: SourceSpan;
}

/** `left [INNER] JOIN right ON cond` or `left LEFT [OUTER] JOIN right ON cond`. */
export interface Join {
  readonly kind: 'Join';
  readonly joinType: 'inner' | 'left';
  readonly left: FromItem;
  readonly right: InputSource;
  readonly on: Expression;
  readonly span: SourceSpan;
}

/** `left CROSS APPLY fn(args) [AS] alias` / `OUTER APPLY`. */
export interface Apply {
  readonly kind: 'Apply';
  readonly applyType: 'cross' | 'outer';
  readonly left: FromItem;
  readonly call: FunctionCall;
  readonly alias: Identifier | undefined;
  readonly span: SourceSpan;
}

type Fields<T> = Omit<T, 'kind'>;
export const timestampBy = (f: Fields<TimestampBy>): TimestampBy => ({ kind: 'TimestampBy', ...f });
export const inputSource = (f: Fields<InputSource>): InputSource => ({ kind: 'InputSource', ...f });
export const join = (f: Fields<Join>): Join => ({ kind: 'Join', ...f });
export const apply = (f: Fields<Apply>): Apply => ({ kind: 'Apply', ...f });
