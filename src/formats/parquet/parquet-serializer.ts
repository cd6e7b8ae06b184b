// Parquet output: one file per batch, one row group, one PLAIN data page (v1) per column, every column
// OPTIONAL, written without a third-party writer (hyparquet-writer is only a dev dependency).
// Column types come from the rows: bigint → INT64, float (or bigint mixed with float) → DOUBLE — and a
// column the planner typed float is DOUBLE even when its values are whole or NULL (describe()) — bit →
// BOOLEAN, nvarchar → BYTE_ARRAY/UTF8, datetime → INT64 TIMESTAMP(MICROS, UTC) (sub-µs ticks dropped),
// records, arrays and columns of mixed types → their JSON text (sluice's choice: ASA documents no
// nested Parquet output shape). Codecs: UNCOMPRESSED or GZIP (node:zlib).
import { gzipSync } from 'node:zlib';
import { AsaDateTime, formatBigint, formatDateTime, formatFloat, type AsaRecord, type AsaValue } from '../../types/index.ts';
import { formatJsonValue } from '../json/format-json-value.ts';
import type { Serializer } from '../serializer.ts';
import { ThriftWriter } from './thrift-compact-writer.ts';

export type ParquetCodec = 'UNCOMPRESSED' | 'GZIP';

type ColumnKind = 'INT64' | 'DOUBLE' | 'BOOLEAN' | 'STRING' | 'TIMESTAMP' | 'JSON';

const PHYSICAL: Record<ColumnKind, number> = { BOOLEAN: 0, INT64: 2, DOUBLE: 5, STRING: 6, TIMESTAMP: 2, JSON: 6 };
const CODEC_ID: Record<ParquetCodec, number> = { UNCOMPRESSED: 0, GZIP: 2 };
const PLAIN = 0;
const RLE = 3;
const MAGIC = Buffer.from('PAR1', 'latin1');

export class ParquetSerializer implements Serializer {
  readonly type = 'Parquet' as const;
  readonly #codec: ParquetCodec;
  #floatColumns: ReadonlySet<string> = new Set();

  constructor(codec: ParquetCodec = 'UNCOMPRESSED') {
    this.#codec = codec;
  }

  describe(columns: ReadonlyArray<{ readonly name: string; readonly type: string }>): void {
    this.#floatColumns = new Set(columns.filter((c) => c.type === 'float').map((c) => c.name));
  }

  encodeRow(row: AsaRecord): Uint8Array {
    return this.encode([row]);
  }

  encode(rows: readonly AsaRecord[]): Uint8Array {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) for (const k in row) if (!seen.has(k)) { seen.add(k); names.push(k); }
    const parts: Uint8Array[] = [MAGIC];
    let offset = MAGIC.length;
    const chunks: { name: string; kind: ColumnKind; offset: number; size: number; rawSize: number }[] = [];
    for (const name of names) {
      const values = rows.map((r) => r[name] ?? null);
      const kind = columnKind(values, this.#floatColumns.has(name));
      const page = this.#page(values, kind);
      chunks.push({ name, kind, offset, size: page.bytes.length, rawSize: page.rawSize });
      parts.push(page.bytes);
      offset += page.bytes.length;
    }
    const footer = new ThriftWriter()
      .i32(1, 1)
      .listStruct(2, [{ name: 'schema', kind: undefined as ColumnKind | undefined }, ...chunks], (w, c) => schemaElement(w, c.name, c.kind, names.length))
      .i64(3, rows.length)
      .listStruct(4, [0], (w) => {
        w.listStruct(1, chunks, (cw, c) => {
          cw.i64(2, c.offset).struct(3, (m) => {
            m.i32(1, PHYSICAL[c.kind]).listI32(2, [PLAIN, RLE]).listBinary(3, [c.name]).i32(4, CODEC_ID[this.#codec])
              .i64(5, rows.length).i64(6, c.rawSize).i64(7, c.size).i64(9, c.offset);
          });
        });
        w.i64(2, chunks.reduce((s, c) => s + c.rawSize, 0)).i64(3, rows.length);
      })
      .binary(6, 'sluice')
      .finish();
    const len = Buffer.alloc(4);
    len.writeUInt32LE(footer.length);
    parts.push(footer, len, MAGIC);
    return Buffer.concat(parts);
  }

  #page(values: readonly AsaValue[], kind: ColumnKind): { bytes: Uint8Array; rawSize: number } {
    const body = Buffer.concat([definitionLevels(values), plainValues(values, kind)]);
    const data = this.#codec === 'GZIP' ? gzipSync(body) : body;
    const header = new ThriftWriter()
      .i32(1, 0)
      .i32(2, body.length)
      .i32(3, data.length)
      .struct(5, (w) => { w.i32(1, values.length).i32(2, PLAIN).i32(3, RLE).i32(4, RLE); })
      .finish();
    return { bytes: Buffer.concat([header, data]), rawSize: header.length + body.length };
  }
}

function schemaElement(w: ThriftWriter, name: string, kind: ColumnKind | undefined, children: number): void {
  if (kind === undefined) {
    w.binary(4, name).i32(5, children);
    return;
  }
  w.i32(1, PHYSICAL[kind]).i32(3, 1).binary(4, name);
  if (kind === 'STRING' || kind === 'JSON') w.i32(6, 0).struct(10, (l) => { l.struct(1, () => {}); });
  if (kind === 'TIMESTAMP') {
    w.i32(6, 10).struct(10, (l) => { l.struct(8, (t) => { t.bool(1, true).struct(2, (u) => { u.struct(2, () => {}); }); }); });
  }
}

function columnKind(values: readonly AsaValue[], float: boolean): ColumnKind {
  const kinds = new Set<string>();
  if (float) kinds.add('DOUBLE');
  for (const v of values) {
    if (v === null) continue;
    if (typeof v === 'number') kinds.add(float || !Number.isSafeInteger(v) ? 'DOUBLE' : 'INT64');
    else if (typeof v === 'bigint') kinds.add('INT64');
    else if (typeof v === 'boolean') kinds.add('BOOLEAN');
    else if (typeof v === 'string') kinds.add('STRING');
    else if (v instanceof AsaDateTime) kinds.add('TIMESTAMP');
    else kinds.add('JSON');
  }
  if (kinds.size === 0) return 'STRING';
  if (kinds.size === 2 && kinds.has('INT64') && kinds.has('DOUBLE')) return 'DOUBLE';
  if (kinds.size === 1) return [...kinds][0] as ColumnKind;
  return 'JSON';
}

/** Definition levels (0 = NULL, 1 = present), as one bit-packed run of the RLE/bit-packing hybrid. */
function definitionLevels(values: readonly AsaValue[]): Uint8Array {
  const groups = Math.ceil(values.length / 8);
  const bits = new Uint8Array(groups);
  values.forEach((v, i) => { if (v !== null) bits[i >> 3] = (bits[i >> 3] ?? 0) | (1 << (i & 7)); });
  const header: number[] = [];
  let h = (groups << 1) | 1;
  while (h >= 0x80) { header.push((h & 0x7f) | 0x80); h >>>= 7; }
  header.push(h);
  const run = Buffer.concat([Uint8Array.from(header), bits]);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(run.length);
  return Buffer.concat([len, run]);
}

function plainValues(values: readonly AsaValue[], kind: ColumnKind): Uint8Array {
  const present = values.filter((v): v is Exclude<AsaValue, null> => v !== null);
  switch (kind) {
    case 'BOOLEAN': {
      const out = new Uint8Array(Math.ceil(present.length / 8));
      present.forEach((v, i) => { if (v === true) out[i >> 3] = (out[i >> 3] ?? 0) | (1 << (i & 7)); });
      return out;
    }
    case 'INT64':
    case 'TIMESTAMP': {
      const out = Buffer.alloc(8 * present.length);
      present.forEach((v, i) => out.writeBigInt64LE(v instanceof AsaDateTime ? micros(v) : BigInt(v as number | bigint), 8 * i));
      return out;
    }
    case 'DOUBLE': {
      const out = Buffer.alloc(8 * present.length);
      present.forEach((v, i) => out.writeDoubleLE(Number(v as number | bigint), 8 * i));
      return out;
    }
    default: {
      const parts: Uint8Array[] = [];
      for (const v of present) {
        const bytes = Buffer.from(kind === 'STRING' ? (v as string) : text(v), 'utf8');
        const len = Buffer.alloc(4);
        len.writeUInt32LE(bytes.length);
        parts.push(len, bytes);
      }
      return Buffer.concat(parts);
    }
  }
}

function micros(d: AsaDateTime): bigint {
  return BigInt(d.epochMs) * 1000n + BigInt(Math.floor(d.subMsTicks / 10));
}

/** A value in a mixed or nested column: strings as they are, the rest as ASA prints them in JSON. */
function text(v: AsaValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : formatFloat(v);
  if (typeof v === 'bigint') return formatBigint(v);
  if (v instanceof AsaDateTime) return formatDateTime(v);
  return formatJsonValue(v);
}
