// Reading fields of records the way ASA does: "field references match fields in any case" — exact
// spelling first (the common case, one hash lookup), then a scan ignoring case. Only own properties
// count, so a field named `constructor` or `__proto__` never reaches Object.prototype.
import type { AsaRecord, AsaValue } from '../types/index.ts';
import { AsaDateTime } from '../types/index.ts';

const hasOwn = Object.prototype.hasOwnProperty;

/** The field's value, or undefined when the record has no such field (in any case). */
export function lookupField(record: AsaRecord, name: string): AsaValue | undefined {
  if (hasOwn.call(record, name)) return record[name] as AsaValue;
  const lower = name.toLowerCase();
  for (const key in record) {
    if (key.length === name.length && key.toLowerCase() === lower && hasOwn.call(record, key)) return record[key] as AsaValue;
  }
  return undefined;
}

/** `value.name` for any value: NULL unless the value is a record holding the field. */
export function memberOf(value: AsaValue | undefined, name: string): AsaValue {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value) || value instanceof AsaDateTime) return null;
  return lookupField(value, name) ?? null;
}

/** Sets a field without ever touching a prototype (a column named `__proto__` stays a column). */
export function setField(record: AsaRecord, name: string, value: AsaValue): void {
  if (name === '__proto__') Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
  else record[name] = value;
}
