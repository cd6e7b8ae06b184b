// Turns a writer schema into a tree of closures that decode Avro binary straight into ASA values, in
// one pass: records and maps → records, arrays → arrays, enums → their symbol, unions → the chosen
// branch, long → exact bigint, float/double → float, boolean → bit, bytes/fixed → base64 text.
// Logical types: timestamp-millis/-micros/-nanos (and the local- variants, read as UTC) and date →
// datetime; decimal → float; uuid → string; time-millis/-micros stay integers (ASA has no time type).
// ASA: "Data Types" (Avro in: long and int → bigint, double and float → float, boolean → bit, record
// type → record). Maps: an older "Parse JSON and Avro data" page says ASA's Avro reader does not
// support maps; sluice reads them as records (a deliberate extension).
import { AsaDateTime, MAX_EPOCH_MS, MIN_EPOCH_MS, MS_PER_DAY, type AsaRecord, type AsaValue } from '../../types/index.ts';
import { bytesToBase64 } from '../exact-integer.ts';
import { formatError } from '../format-error.ts';
import type { AvroCursor } from './avro-cursor.ts';
import { AVRO_PRIMITIVES, childNamespace, fullName, type AvroComplex, type AvroSchema } from './avro-schema.ts';

export type AvroReader = (c: AvroCursor) => AsaValue;

export function compileAvroReader(schema: AvroSchema): AvroReader {
  return new Compiler().compile(schema, undefined);
}

function schemaError(message: string): Error {
  return formatError('SLUICE_FORMAT_AVRO_SCHEMA', `Avro schema: ${message}`);
}

class Compiler {
  readonly named = new Map<string, AvroReader>();

  compile(schema: AvroSchema, ns: string | undefined): AvroReader {
    if (typeof schema === 'string') return this.#byName(schema, ns);
    if (Array.isArray(schema)) return this.#union(schema, ns);
    if (typeof schema !== 'object' || schema === null) throw schemaError('a type must be a name, an array or an object');
    const t = schema.type;
    if (typeof t !== 'string') return this.compile(t, ns);
    const logical = schema.logicalType === undefined ? undefined : this.#logical(schema, t);
    if (logical) return logical;
    switch (t) {
      case 'record':
      case 'error':
        return this.#record(schema, ns);
      case 'enum': {
        const symbols = schema.symbols ?? [];
        this.#define(schema, ns, (c) => readEnum(c, symbols));
        return (c) => readEnum(c, symbols);
      }
      case 'fixed': {
        const size = schema.size ?? 0;
        const r: AvroReader = (c) => bytesToBase64(c.fixed(size));
        this.#define(schema, ns, r);
        return r;
      }
      case 'array': {
        const item = this.compile(schema.items ?? 'null', ns);
        return (c) => readArray(c, item);
      }
      case 'map': {
        const value = this.compile(schema.values ?? 'null', ns);
        return (c) => readMap(c, value);
      }
      default:
        return this.#byName(t, ns);
    }
  }

  #byName(name: string, ns: string | undefined): AvroReader {
    if (AVRO_PRIMITIVES.has(name)) return primitive(name);
    const found = this.named.get(fullName(name, ns)) ?? this.named.get(name);
    if (!found) throw schemaError(`unknown type name ${JSON.stringify(name.slice(0, 60))}`);
    return found;
  }

  #define(schema: AvroComplex, ns: string | undefined, reader: AvroReader): string {
    if (!schema.name) throw schemaError(`a ${String(schema.type)} needs a name`);
    const full = fullName(schema.name, schema.namespace ?? ns);
    this.named.set(full, reader);
    return full;
  }

  #record(schema: AvroComplex, ns: string | undefined): AvroReader {
    const fields: { name: string; read: AvroReader }[] = [];
    const reader: AvroReader = (c) => {
      const out: AsaRecord = {};
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i] as { name: string; read: AvroReader };
        out[f.name] = f.read(c);
      }
      return out;
    };
    // Defined before its fields compile, so a recursive type can refer to itself.
    const full = this.#define(schema, ns, reader);
    const inner = schema.namespace ?? childNamespace(full);
    for (const f of schema.fields ?? []) fields.push({ name: f.name, read: this.compile(f.type, inner) });
    return reader;
  }

  #union(branches: AvroSchema[], ns: string | undefined): AvroReader {
    const readers = branches.map((b) => this.compile(b, ns));
    return (c) => {
      const at = c.base + c.pos;
      const i = c.int('union index');
      const r = readers[i];
      if (!r) throw formatError('SLUICE_FORMAT_AVRO_UNION', `Avro union index ${i} at byte ${at} is out of range (${readers.length} branches)`, { offset: at });
      return r(c);
    };
  }

  #logical(schema: AvroComplex, base: string): AvroReader | undefined {
    switch (`${schema.logicalType}/${base}`) {
      case 'timestamp-millis/long':
      case 'local-timestamp-millis/long':
        return (c) => fromTicks(c, toBig(c.long()) * 10_000n);
      case 'timestamp-micros/long':
      case 'local-timestamp-micros/long':
        return (c) => fromTicks(c, toBig(c.long()) * 10n);
      case 'timestamp-nanos/long':
      case 'local-timestamp-nanos/long':
        return (c) => fromTicks(c, floorDiv(toBig(c.long()), 100n));
      case 'date/int':
        return (c) => fromTicks(c, toBig(c.long()) * BigInt(MS_PER_DAY) * 10_000n);
      case 'decimal/bytes': {
        const scale = schema.scale ?? 0;
        return (c) => decimal(c.bytes('decimal'), scale);
      }
      case 'decimal/fixed': {
        const scale = schema.scale ?? 0;
        const size = schema.size ?? 0;
        const r: AvroReader = (c) => decimal(c.fixed(size), scale);
        this.#define(schema, undefined, r);
        return r;
      }
      case 'uuid/fixed': {
        const r: AvroReader = (c) => uuidText(c.fixed(16));
        this.#define(schema, undefined, r);
        return r;
      }
      default:
        // Unknown logical types (and uuid on string) read as their underlying type, as the spec says.
        return undefined;
    }
  }
}

function primitive(name: string): AvroReader {
  switch (name) {
    case 'null': return () => null;
    case 'boolean': return (c) => c.boolean();
    case 'int':
    case 'long': return (c) => c.long();
    case 'float': return (c) => c.float();
    case 'double': return (c) => c.double();
    case 'bytes': return (c) => bytesToBase64(c.bytes());
    default: return (c) => c.string();
  }
}

function readEnum(c: AvroCursor, symbols: readonly string[]): string {
  const at = c.base + c.pos;
  const i = c.int('enum index');
  const s = symbols[i];
  if (s === undefined) throw formatError('SLUICE_FORMAT_AVRO_ENUM', `Avro enum index ${i} at byte ${at} is out of range (${symbols.length} symbols)`, { offset: at });
  return s;
}

/** Arrays and maps come in blocks; a negative count is followed by the block's byte size. */
function blockCount(c: AvroCursor): number {
  let n = c.int('block count');
  if (n < 0) {
    n = -n;
    c.int('block size');
  }
  return n;
}

function readArray(c: AvroCursor, item: AvroReader): AsaValue[] {
  const out: AsaValue[] = [];
  for (let n = blockCount(c); n !== 0; n = blockCount(c)) {
    for (let i = 0; i < n; i++) out.push(item(c));
  }
  return out;
}

function readMap(c: AvroCursor, value: AvroReader): AsaRecord {
  const out: AsaRecord = {};
  for (let n = blockCount(c); n !== 0; n = blockCount(c)) {
    for (let i = 0; i < n; i++) {
      const k = c.string();
      out[k] = value(c);
    }
  }
  return out;
}

function toBig(v: number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

const MIN_TICKS = BigInt(MIN_EPOCH_MS) * 10_000n;
const MAX_TICKS = (BigInt(MAX_EPOCH_MS) + 1n) * 10_000n - 1n;

function fromTicks(c: AvroCursor, ticks: bigint): AsaDateTime {
  if (ticks < MIN_TICKS || ticks > MAX_TICKS) {
    throw formatError('SLUICE_FORMAT_AVRO_DATETIME', `Avro timestamp before byte ${c.base + c.pos} is outside 0001-01-01 to 9999-12-31`, { offset: c.base + c.pos });
  }
  return AsaDateTime.fromEpochTicks(ticks);
}

/** Two's-complement big-endian unscaled value ÷ 10^scale, correctly rounded to a double. */
export function decimal(bytes: Uint8Array, scale: number): number {
  if (bytes.length === 0) return 0;
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  v = BigInt.asIntN(bytes.length * 8, v);
  return Number(`${v}e-${scale}`);
}

function uuidText(b: Uint8Array): string {
  const hex = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
