// ASA's Avro output: one object container file per batch, its schema inferred from the rows
// (infer-avro-schema.ts). Datetimes are written as ISO 8601 strings, as "Data Types" says for Avro out.
import { AsaDateTime, formatDateTime, type AsaRecord, type AsaValue } from '../../types/index.ts';
import type { Serializer } from '../serializer.ts';
import { writeContainer } from './avro-container.ts';
import { AvroWriter } from './avro-writer.ts';
import { fieldKindOf, markFloatFields, newShape, observeRecord, recordSchema, type AvroPrimitiveKind, type Shape } from './infer-avro-schema.ts';

export interface AvroSerializerOptions {
  /** Block codec of the container file (default null). */
  codec?: 'null' | 'deflate';
  /** Name of the top-level record (default "Event"). */
  recordName?: string;
}

export class AvroSerializer implements Serializer {
  readonly type = 'Avro' as const;
  readonly #codec: 'null' | 'deflate';
  readonly #name: string;
  /** Columns the planner typed float: written as double even when whole (infer-avro-schema.ts). */
  #floatColumns: ReadonlySet<string> = new Set();

  constructor(options: AvroSerializerOptions = {}) {
    this.#codec = options.codec ?? 'null';
    this.#name = options.recordName ?? 'Event';
  }

  describe(columns: ReadonlyArray<{ readonly name: string; readonly type: string }>): void {
    this.#floatColumns = new Set(columns.filter((c) => c.type === 'float').map((c) => c.name));
  }

  encode(rows: readonly AsaRecord[]): Uint8Array {
    const floats = this.#floatColumns;
    const fields = new Map<string, Shape>();
    for (const row of rows) observeRecord(fields, row, floats);
    markFloatFields(fields, floats);
    const schemaText = JSON.stringify(recordSchema(fields, this.#name));
    const w = new AvroWriter(256 * Math.max(1, rows.length));
    for (const row of rows) writeRecord(w, fields, row, floats);
    return writeContainer(schemaText, this.#codec, rows.length, w.finish());
  }

  encodeRow(row: AsaRecord): Uint8Array {
    return this.encode([row]);
  }
}

const KIND_ORDER: readonly AvroPrimitiveKind[] = ['null', 'boolean', 'long', 'double', 'string'];

function writeRecord(w: AvroWriter, fields: Map<string, Shape>, row: AsaRecord, floatColumns?: ReadonlySet<string>): void {
  for (const [key, shape] of fields) writeValue(w, shape, row[key] ?? null, floatColumns?.has(key) === true);
}

/** Writes a value of the union shapeToSchema made for this shape: branch index, then the value. */
function writeValue(w: AvroWriter, shape: Shape, v: AsaValue, float = false): void {
  const kind = fieldKindOf(v, float);
  let index = 0;
  if (kind !== 'null') {
    index = 1;
    for (const k of KIND_ORDER) {
      if (k === 'null' || !shape.kinds.has(k)) continue;
      if (k === kind) break;
      index++;
    }
    if (kind === 'array' && shape.record) index++;
  }
  w.long(index);
  switch (kind) {
    case 'null': return;
    case 'boolean': w.boolean(v as boolean); return;
    case 'long': w.long(v as number | bigint); return;
    case 'double': w.double(v as number); return;
    case 'string': w.string(v instanceof AsaDateTime ? formatDateTime(v) : (v as string)); return;
    case 'record': writeRecord(w, shape.record ?? new Map(), v as AsaRecord); return;
    case 'array': {
      const items = v as AsaValue[];
      if (items.length > 0) {
        w.long(items.length);
        for (const item of items) writeValue(w, shape.array ?? newShape(), item);
      }
      w.long(0);
    }
  }
}
