// Script-level nodes: the script, its statements (CREATE TABLE and queries), WITH steps and UNION.
import type { SourceSpan } from '../../common/index.ts';
import type { DataType } from './expression.ts';
import type { Identifier } from './identifier.ts';
import type { Select } from './select.ts';

/** `a UNION b UNION ALL c` is left-deep: Union(Union(a, b), c). */
export interface Union {
  readonly kind: 'Union';
  /** UNION ALL; ASA's UNION keeps duplicates either way. */
  readonly all: boolean;
  readonly left: QueryExpr;
  readonly right: Select;
  readonly span: SourceSpan;
}

export type QueryExpr = Select | Union;

/** `name AS (query)`. */
export interface WithStep { readonly kind: 'WithStep'; readonly name: Identifier; readonly query: QueryExpr; readonly span: SourceSpan }

/**
 * `[WITH step AS (…), …] query`. ASA lets later statements of the script read these steps too, so the
 * planner should treat steps as script-wide.
 */
export interface QueryStatement {
  readonly kind: 'QueryStatement';
  readonly with: readonly WithStep[];
  readonly query: QueryExpr;
  readonly span: SourceSpan;
}

export interface ColumnDef { readonly kind: 'ColumnDef'; readonly name: Identifier; readonly type: DataType; readonly span: SourceSpan }

/** `CREATE TABLE input (col type, …)`: declares the schema of an input; creates nothing. */
export interface CreateTable {
  readonly kind: 'CreateTable';
  readonly name: Identifier;
  readonly columns: readonly ColumnDef[];
  readonly span: SourceSpan;
}

export type Statement = QueryStatement | CreateTable;

export interface Script { readonly kind: 'Script'; readonly statements: readonly Statement[]; readonly span: SourceSpan }

type Fields<T> = Omit<T, 'kind'>;
export const union = (f: Fields<Union>): Union => ({ kind: 'Union', ...f });
export const withStep = (f: Fields<WithStep>): WithStep => ({ kind: 'WithStep', ...f });
export const queryStatement = (f: Fields<QueryStatement>): QueryStatement => ({ kind: 'QueryStatement', ...f });
export const columnDef = (f: Fields<ColumnDef>): ColumnDef => ({ kind: 'ColumnDef', ...f });
export const createTable = (f: Fields<CreateTable>): CreateTable => ({ kind: 'CreateTable', ...f });
export const script = (f: Fields<Script>): Script => ({ kind: 'Script', ...f });
