// The target table's columns as the server describes them, read once per connection: name, base type
// (domains resolved), declared length, NOT NULL and whether a default exists. The sink converts and checks
// values against these itself, so a bad value is pinned to its row and column before any SQL is sent.
import type pg from 'pg';

export interface TableColumn {
  name: string;
  /** pg_type.typname of the column's (base) type: int8, float8, text, varchar, timestamptz, jsonb, _int8 … */
  type: string;
  /** As declared, for messages: "character varying(10)". */
  declared: string;
  /** Characters allowed by varchar(n) / char(n); undefined for unbounded types. */
  maxLength: number | undefined;
  notNull: boolean;
  generated: boolean;
}

export interface TableInfo {
  /** The table's name as SQL text, quoted where needed and schema-qualified if not on the search_path. */
  qualifiedName: string;
  columns: TableColumn[];
}

const COLUMNS_SQL = `
SELECT $1::regclass::text AS qualified,
       a.attname AS name,
       CASE WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END AS type,
       format_type(a.atttypid, a.atttypmod) AS declared,
       CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod,
       a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) AS not_null,
       a.attgenerated <> '' AS generated
  FROM pg_attribute a
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
 WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attnum`;

interface ColumnRow {
  qualified: string;
  name: string;
  type: string;
  declared: string;
  typmod: number;
  not_null: boolean;
  generated: boolean;
}

/** Reads the columns; the table name is resolved by the server exactly as in SQL (a regclass cast). */
export async function readTableInfo(client: pg.Client, table: string): Promise<TableInfo> {
  const { rows } = await client.query<ColumnRow>(COLUMNS_SQL, [table]);
  return {
    qualifiedName: rows[0]?.qualified ?? table,
    columns: rows.map((r) => ({
      name: r.name,
      type: r.type,
      declared: r.declared,
      maxLength: (r.type === 'varchar' || r.type === 'bpchar') && r.typmod >= 4 ? r.typmod - 4 : undefined,
      notNull: r.not_null,
      generated: r.generated,
    })),
  };
}
