// SELECT … [INTO out] FROM … [WHERE] [GROUP BY] [HAVING], and the items of its select list.
import type { SourceSpan } from '../../common/index.ts';
import type { Expression } from './expression.ts';
import type { FromItem } from './from.ts';
import type { Identifier } from './identifier.ts';
import type { Window, Windows } from './window.ts';

/** `*` (empty qualifier), `input.*`, `record.field.*`. */
export interface SelectStar { readonly kind: 'SelectStar'; readonly qualifier: readonly Identifier[]; readonly span: SourceSpan }

/**
 * `expr`, `expr [AS] alias`, `alias = expr`, `expr AS 'alias'` (alias quote 'string'). Which of the
 * alias spellings was used is not kept: they mean the same.
 */
export interface SelectExpr {
  readonly kind: 'SelectExpr';
  readonly expr: Expression;
  readonly alias: Identifier | undefined;
  readonly span: SourceSpan;
}

export type SelectItem = SelectStar | SelectExpr;

/** A GROUP BY item: a key expression, a window, or Windows(…). */
export type GroupByItem = Expression | Window | Windows;

export interface Select {
  readonly kind: 'Select';
  readonly items: readonly SelectItem[];
  /** The output; undefined means ASA's default output `output`. Not allowed inside WITH (binder). */
  readonly into: Identifier | undefined;
  readonly from: FromItem;
  readonly where: Expression | undefined;
  /** Empty when there is no GROUP BY. Keys and the window may come in any order. */
  readonly groupBy: readonly GroupByItem[];
  readonly having: Expression | undefined;
  readonly span: SourceSpan;
}

type Fields<T> = Omit<T, 'kind'>;
export const selectStar = (f: Fields<SelectStar>): SelectStar => ({ kind: 'SelectStar', ...f });
export const selectExpr = (f: Fields<SelectExpr>): SelectExpr => ({ kind: 'SelectExpr', ...f });
export const select = (f: Fields<Select>): Select => ({ kind: 'Select', ...f });
