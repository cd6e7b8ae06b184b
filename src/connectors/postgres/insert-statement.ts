// Builds one parameterized multi-row INSERT (or upsert): identifiers are quoted, every value is a $n
// parameter — data never becomes SQL text. A field a row does not have takes the column's DEFAULT.
export const DEFAULT_VALUE: unique symbol = Symbol('DEFAULT');
export type Cell = string | null | typeof DEFAULT_VALUE;

export interface Upsert {
  /** Conflict-target columns (a unique index or constraint must cover exactly these). */
  key: readonly string[];
}

export interface Statement {
  text: string;
  values: (string | null)[];
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function buildInsert(table: string, columns: readonly string[], rows: readonly (readonly Cell[])[], upsert?: Upsert): Statement {
  const values: (string | null)[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const cells: string[] = [];
    for (const cell of row) {
      if (cell === DEFAULT_VALUE) cells.push('DEFAULT');
      else {
        values.push(cell);
        cells.push(`$${values.length}`);
      }
    }
    tuples.push(`(${cells.join(',')})`);
  }
  let text = `INSERT INTO ${table} (${columns.map(quoteIdent).join(',')}) VALUES ${tuples.join(',')}`;
  if (upsert !== undefined) {
    const keys = new Set(upsert.key);
    const update = columns.filter((c) => !keys.has(c));
    text += ` ON CONFLICT (${upsert.key.map(quoteIdent).join(',')}) `;
    text += update.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${update.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(', ')}`;
  }
  return { text, values };
}
