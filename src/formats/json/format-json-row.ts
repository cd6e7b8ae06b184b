// One output row as ASA's JSON writer prints it, knowing which columns the planner typed float: the value
// model cannot tell a whole float from a bigint at run time (src/types/value.ts), so AVG(…) = 3 must be
// told to print as `3.0`. Used by every sink that writes JSON lines with the planner's column types.
import { formatFloatJson, type AsaRecord } from '../../types/index.ts';
import { formatJsonValue } from './format-json-value.ts';

export function formatJsonRow(row: AsaRecord, floatColumns: ReadonlySet<string>): string {
  if (floatColumns.size === 0) return formatJsonValue(row);
  const parts: string[] = [];
  for (const key of Object.keys(row)) {
    const v = row[key]!;
    const text = typeof v === 'number' && floatColumns.has(key) ? formatFloatJson(v) : formatJsonValue(v);
    parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/** The names of the float-typed columns among an output's statically known columns. */
export function floatColumnsOf(columns: ReadonlyArray<{ readonly name: string; readonly type: string }>): Set<string> {
  return new Set(columns.filter((c) => c.type === 'float').map((c) => c.name));
}
