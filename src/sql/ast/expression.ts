// Expression nodes: literals, column references, calls (incl. aggregates and analytic functions with
// OVER), CAST, CASE, and the operators. Parentheses leave no node; the tree shape carries grouping.
import type { SourceSpan } from '../../common/index.ts';
import type { Identifier } from './identifier.ts';
import type { Over } from './over.ts';

export type Expression =
  | NumberLiteral | StringLiteral | NullLiteral
  | ColumnRef | MemberAccess | Star
  | FunctionCall | Cast | Case
  | Unary | Binary | Like | InList | Between | IsNull;

export interface NumberLiteral {
  readonly kind: 'NumberLiteral';
  /** The digits as written (`12`, `1.5`, `1e3`); kept as text so a 64-bit bigint loses nothing. */
  readonly text: string;
  /** bigint for plain digits, float with a decimal point or exponent (ASA: `1.0` is float). */
  readonly numberType: 'bigint' | 'float';
  readonly span: SourceSpan;
}
export interface StringLiteral { readonly kind: 'StringLiteral'; readonly value: string; readonly span: SourceSpan }
export interface NullLiteral { readonly kind: 'NullLiteral'; readonly span: SourceSpan }

/**
 * `a`, `i.a`, `a.b.c`, `rec.[0]`, `input."my.field"`. The parser does not know whether the first part is
 * an input alias, a step, a field or a date part (`DATEADD(minute, …)`): the binder decides.
 */
export interface ColumnRef { readonly kind: 'ColumnRef'; readonly path: readonly Identifier[]; readonly span: SourceSpan }

/** A field of a computed record: `System.Window().Id`, `GetArrayElement(a, 0).x`. */
export interface MemberAccess {
  readonly kind: 'MemberAccess';
  readonly object: Expression;
  readonly member: Identifier;
  readonly span: SourceSpan;
}

/** `*` as a call argument only: `COUNT(*)`, `LAG(*)`. */
export interface Star { readonly kind: 'Star'; readonly span: SourceSpan }

export interface FunctionCall {
  readonly kind: 'FunctionCall';
  /** One part for built-ins (`COUNT`); more for `udf.fn`, `uda.fn`, `System.Timestamp`. As written. */
  readonly name: readonly Identifier[];
  /** `COUNT(DISTINCT x)`, `COUNT(ALL x)`. */
  readonly quantifier: 'DISTINCT' | 'ALL' | undefined;
  readonly args: readonly Expression[];
  /** Analytic functions and rolling aggregates: `LAG(x) OVER (…)`, `TopOne() OVER (ORDER BY …)`. */
  readonly over: Over | undefined;
  readonly span: SourceSpan;
}

export interface DataType {
  readonly kind: 'DataType';
  /** As written (`bigint`, `NVARCHAR`); the binder checks it is an ASA type. */
  readonly name: string;
  /** The parenthesised argument, e.g. `max` in `nvarchar(max)`. */
  readonly param: string | undefined;
  readonly span: SourceSpan;
}

export interface Cast {
  readonly kind: 'Cast';
  /** TRY_CAST gives NULL on failure; CAST stops the job. */
  readonly tryCast: boolean;
  readonly expr: Expression;
  readonly type: DataType;
  readonly span: SourceSpan;
}

export interface CaseWhen { readonly kind: 'CaseWhen'; readonly when: Expression; readonly then: Expression; readonly span: SourceSpan }
/** Simple when `operand` is set (`CASE x WHEN 1 THEN …`), searched otherwise. */
export interface Case {
  readonly kind: 'Case';
  readonly operand: Expression | undefined;
  readonly whens: readonly CaseWhen[];
  readonly else: Expression | undefined;
  readonly span: SourceSpan;
}

export type UnaryOp = '-' | '+' | '~' | 'NOT';
export interface Unary { readonly kind: 'Unary'; readonly op: UnaryOp; readonly operand: Expression; readonly span: SourceSpan }

export type ComparisonOp = '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=' | '!<' | '!>';
export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^';
export type BinaryOp = ComparisonOp | ArithmeticOp | 'AND' | 'OR';
export interface Binary {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: Expression;
  readonly right: Expression;
  readonly span: SourceSpan;
}

export interface Like {
  readonly kind: 'Like';
  readonly expr: Expression;
  readonly pattern: Expression;
  readonly negated: boolean;
  readonly span: SourceSpan;
}
export interface InList {
  readonly kind: 'InList';
  readonly expr: Expression;
  readonly list: readonly Expression[];
  readonly negated: boolean;
  readonly span: SourceSpan;
}
/** Both ends included. */
export interface Between {
  readonly kind: 'Between';
  readonly expr: Expression;
  readonly low: Expression;
  readonly high: Expression;
  readonly negated: boolean;
  readonly span: SourceSpan;
}
export interface IsNull { readonly kind: 'IsNull'; readonly expr: Expression; readonly negated: boolean; readonly span: SourceSpan }

type Fields<T> = Omit<T, 'kind'>;
export const numberLiteral = (f: Fields<NumberLiteral>): NumberLiteral => ({ kind: 'NumberLiteral', ...f });
export const stringLiteral = (f: Fields<StringLiteral>): StringLiteral => ({ kind: 'StringLiteral', ...f });
export const nullLiteral = (f: Fields<NullLiteral>): NullLiteral => ({ kind: 'NullLiteral', ...f });
export const columnRef = (f: Fields<ColumnRef>): ColumnRef => ({ kind: 'ColumnRef', ...f });
export const memberAccess = (f: Fields<MemberAccess>): MemberAccess => ({ kind: 'MemberAccess', ...f });
export const star = (f: Fields<Star>): Star => ({ kind: 'Star', ...f });
export const functionCall = (f: Fields<FunctionCall>): FunctionCall => ({ kind: 'FunctionCall', ...f });
export const dataType = (f: Fields<DataType>): DataType => ({ kind: 'DataType', ...f });
export const cast = (f: Fields<Cast>): Cast => ({ kind: 'Cast', ...f });
export const caseWhen = (f: Fields<CaseWhen>): CaseWhen => ({ kind: 'CaseWhen', ...f });
export const caseExpr = (f: Fields<Case>): Case => ({ kind: 'Case', ...f });
export const unary = (f: Fields<Unary>): Unary => ({ kind: 'Unary', ...f });
export const binary = (f: Fields<Binary>): Binary => ({ kind: 'Binary', ...f });
export const like = (f: Fields<Like>): Like => ({ kind: 'Like', ...f });
export const inList = (f: Fields<InList>): InList => ({ kind: 'InList', ...f });
export const between = (f: Fields<Between>): Between => ({ kind: 'Between', ...f });
export const isNull = (f: Fields<IsNull>): IsNull => ({ kind: 'IsNull', ...f });
