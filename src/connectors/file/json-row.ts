// One row as ASA's JSON writer prints it, knowing which columns the planner typed float: the value model
// cannot tell a whole float from a bigint at run time (src/types/value.ts), so AVG(…) = 3 must be told to
// print as `3.0`. formats' JsonSerializer has no column types, hence this small variant for the file sink.
import { formatJsonValue } from '../../formats/index.ts';
import { formatFloatJson, type AsaRecord } from '../../types/index.ts';

export function jsonRow(row: AsaRecord, floatColumns: ReadonlySet<string>): string {
  if (floatColumns.size === 0) return formatJsonValue(row);
  const parts: string[] = [];
  for (const key of Object.keys(row)) {
    const v = row[key]!;
    const text = typeof v === 'number' && floatColumns.has(key) ? formatFloatJson(v) : formatJsonValue(v);
    parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
