// GetRecordPropertyValue: a record's property whose name is only known at run time.
// https://learn.microsoft.com/stream-analytics-query/getrecordpropertyvalue-azure-stream-analytics
import { isRecord, type AsaRecord, type AsaValue } from '../types/index.ts';
import { argTypeError, stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

/**
 * A record's field by name: exact spelling first, then ignoring case, since ASA field references
 * match "in any case". A missing field gives NULL.
 */
export function getField(record: AsaRecord, name: string): AsaValue | undefined {
  if (Object.prototype.hasOwnProperty.call(record, name)) return record[name] ?? null;
  const lower = name.toLowerCase();
  for (const key in record) {
    if (key.toLowerCase() === lower) return record[key] ?? null;
  }
  return undefined;
}

/**
 * Splits a property path written in the query's naming convention: `a.b.c`, `[my.field].x`,
 * `"[my][Field]"` style brackets (`]]` escapes a `]` inside brackets). Returns undefined when the
 * name has no path syntax at all, the common case, so no array is built for it.
 */
export function splitPropertyPath(name: string): string[] | undefined {
  if (name.indexOf('.') < 0 && name.indexOf('[') < 0) return undefined;
  const parts: string[] = [];
  let i = 0;
  while (i <= name.length) {
    if (name[i] === '[') {
      let part = '';
      i++;
      while (i < name.length) {
        if (name[i] === ']') {
          if (name[i + 1] === ']') {
            part += ']';
            i += 2;
            continue;
          }
          break;
        }
        part += name[i];
        i++;
      }
      if (i >= name.length) return undefined; // unterminated bracket: not a path
      parts.push(part);
      i++;
      if (i < name.length && name[i] === '.') i++;
      else if (i < name.length && name[i] !== '[') return undefined;
      if (i >= name.length) break;
    } else {
      let end = name.indexOf('.', i);
      const bracket = name.indexOf('[', i);
      if (bracket >= 0 && (end < 0 || bracket < end)) end = bracket;
      if (end < 0) end = name.length;
      parts.push(name.slice(i, end));
      i = name[end] === '.' ? end + 1 : end;
      if (end === name.length) break;
    }
  }
  return parts;
}

/**
 * GetRecordPropertyValue(record, name). The name "needs to follow the naming convention in use" and
 * may escape with brackets (`"[my][Field]"`), so a name that is not itself a field is also tried as a
 * path into nested records. A NULL record or name, or a missing property, gives NULL.
 */
export const GET_RECORD_PROPERTY_VALUE = defineScalar({
  name: 'GetRecordPropertyValue',
  category: 'record',
  minArgs: 2,
  doc: refPage('getrecordpropertyvalue-azure-stream-analytics'),
  returnType: 'any',
  invoke(args: readonly AsaValue[]): AsaValue {
    const rec = args[0] ?? null;
    const name = stringArg('GetRecordPropertyValue', 1, args[1] ?? null);
    if (rec === null || name === null) return null;
    if (!isRecord(rec)) throw argTypeError('GetRecordPropertyValue', 0, rec, ['record']);
    const direct = getField(rec, name);
    if (direct !== undefined) return direct;
    const path = splitPropertyPath(name);
    if (path === undefined) return null;
    let current: AsaValue = rec;
    for (const part of path) {
      if (!isRecord(current)) return null;
      const next = getField(current, part);
      if (next === undefined) return null;
      current = next;
    }
    return current;
  },
});
