// One output row as ASA's JSON writer prints it, knowing which columns the planner typed float: the value
// model cannot tell a whole float from a bigint at run time (src/types/value.ts), so AVG(…) = 3 must be
// told to print as `3.0`. Used by every sink that writes JSON lines with the planner's column types.
import { formatFloatJson, type AsaRecord, type AsaValue } from '../../types/index.ts';
import { formatJsonValue, quoteKey } from './format-json-value.ts';

// Output rows are written one per message (Kafka) or line, so this runs once per result row: the text is
// built by concatenation with each key quoted once per process (quoteKey), not through an array of parts
// and a JSON.stringify per key and row — that halved the cost of a HoppingWindow(second, 60, 1) query's
// output, which writes as many rows as it reads events.
export function formatJsonRow(row: AsaRecord, floatColumns: ReadonlySet<string>): string {
  if (floatColumns.size === 0) return formatJsonValue(row);
  let out = '{';
  // for…in, not Object.keys: no array per row (a row is a plain object: only its own keys are enumerable).
  for (const key in row) {
    const text = columnText(key, row[key]!, floatColumns);
    out += out.length === 1 ? quoteKey(key) + text : `,${quoteKey(key)}${text}`;
  }
  return `${out}}`;
}

/** A column's value as JSON text: a number in a float column always as a float (`70.0`). */
export function columnText(key: string, v: AsaValue, floatColumns: ReadonlySet<string>): string {
  return typeof v === 'number' && floatColumns.has(key) ? formatFloatJson(v) : formatJsonValue(v);
}

/** The names of the float-typed columns among an output's statically known columns. */
export function floatColumnsOf(columns: ReadonlyArray<{ readonly name: string; readonly type: string }>): Set<string> {
  return new Set(columns.filter((c) => c.type === 'float').map((c) => c.name));
}
