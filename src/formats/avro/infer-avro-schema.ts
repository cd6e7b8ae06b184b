// Infers an Avro schema from output rows, the way ASA's Avro writer derives one from the events:
// every field nullable; bigint → long, float → double, nvarchar → string, bit → boolean, datetime →
// string in ISO 8601 ("Data Types", Avro out), record → record, array → array. A field that holds
// different types across rows becomes a union of all of them. A column the planner typed float is double
// even when its value is whole (AVG giving 70 is 70.0 — "Data Types": float → double), and in every file,
// so a consumer sees one type per column whatever the values of a batch.
import { AsaDateTime, type AsaRecord, type AsaValue } from '../../types/index.ts';
import type { AvroComplex, AvroField, AvroSchema } from './avro-schema.ts';

export type AvroPrimitiveKind = 'null' | 'boolean' | 'long' | 'double' | 'string';

/** What has been seen in one position (a field, the items of an array). */
export interface Shape {
  kinds: Set<AvroPrimitiveKind>;
  record?: Map<string, Shape>;
  array?: Shape;
}

const KIND_ORDER: readonly AvroPrimitiveKind[] = ['null', 'boolean', 'long', 'double', 'string'];

export function newShape(): Shape {
  return { kinds: new Set() };
}

export function kindOf(v: AsaValue): AvroPrimitiveKind | 'record' | 'array' {
  switch (typeof v) {
    case 'boolean': return 'boolean';
    case 'number': return Number.isSafeInteger(v) ? 'long' : 'double';
    case 'bigint': return 'long';
    case 'string': return 'string';
    default: break;
  }
  if (v === null) return 'null';
  if (v instanceof AsaDateTime) return 'string';
  return Array.isArray(v) ? 'array' : 'record';
}

export function observe(shape: Shape, v: AsaValue): void {
  const k = kindOf(v);
  if (k === 'record') observeRecord((shape.record ??= new Map()), v as AsaRecord);
  else if (k === 'array') {
    const items = (shape.array ??= newShape());
    for (const item of v as AsaValue[]) observe(items, item);
  } else shape.kinds.add(k);
}

/** A top-level field's kind: a number in a float-typed column is a double, whole or not. */
export function fieldKindOf(v: AsaValue, float: boolean): AvroPrimitiveKind | 'record' | 'array' {
  return float && typeof v === 'number' ? 'double' : kindOf(v);
}

/** Float-typed columns are double even when NULL in every row of a batch (one type per column). */
export function markFloatFields(fields: Map<string, Shape>, floatColumns: ReadonlySet<string>): void {
  for (const name of floatColumns) fields.get(name)?.kinds.add('double');
}

export function observeRecord(fields: Map<string, Shape>, row: AsaRecord, floatColumns?: ReadonlySet<string>): void {
  for (const key in row) {
    let s = fields.get(key);
    if (!s) { s = newShape(); fields.set(key, s); }
    const v = row[key] ?? null;
    if (floatColumns !== undefined && typeof v === 'number' && floatColumns.has(key)) s.kinds.add('double');
    else observe(s, v);
  }
  // A field missing from this row is NULL in it.
  for (const [key, s] of fields) if (!(key in row)) s.kinds.add('null');
}

export function shapeToSchema(shape: Shape, name: string): AvroSchema[] {
  const branches: AvroSchema[] = ['null'];
  for (const k of KIND_ORDER) if (k !== 'null' && shape.kinds.has(k)) branches.push(k);
  if (shape.record) branches.push(recordSchema(shape.record, name));
  if (shape.array) branches.push({ type: 'array', items: shapeToSchema(shape.array, `${name}_item`) });
  return branches;
}

export function recordSchema(fields: Map<string, Shape>, name: string): AvroComplex {
  const out: AvroField[] = [];
  for (const [key, s] of fields) out.push({ name: avroName(key), type: shapeToSchema(s, `${name}_${avroName(key)}`), default: null });
  return { type: 'record', name, fields: out };
}

/** Avro names are [A-Za-z_][A-Za-z0-9_]*; other characters become '_'. */
export function avroName(key: string): string {
  const n = key.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(n) ? n : `_${n}`;
}
