// ASA's Parquet input: each payload is one whole Parquet file; each row is one event. Read with
// hyparquet (+ hyparquet-compressors: snappy, gzip, zstd, lz4, brotli). Asynchronous, because
// hyparquet's reader is. INT64 → exact bigint, TIMESTAMP → datetime (sub-millisecond precision kept
// to 100 ns), DATE → datetime at midnight, DECIMAL → float, lists → arrays, structs and maps →
// records, byte arrays without a string annotation → base64 text (utf8: false, so binary is never
// mangled into U+FFFD). ASA: "Data Types" — "No data type conversion is needed for Parquet".
import { parquetMetadata, parquetReadObjects, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { SluiceError } from '../../common/index.ts';
import { AsaDateTime, MAX_EPOCH_MS, MIN_EPOCH_MS, type AsaRecord, type AsaValue } from '../../types/index.ts';
import type { Deserializer } from '../deserializer.ts';
import { bytesToBase64, exactInteger } from '../exact-integer.ts';
import { formatError, libraryErrorName } from '../format-error.ts';

const MAGIC = 0x31524150; // "PAR1" little-endian

const MIN_TICKS = BigInt(MIN_EPOCH_MS) * 10_000n;
const MAX_TICKS = (BigInt(MAX_EPOCH_MS) + 1n) * 10_000n - 1n;

/** A timestamp as 100-ns ticks; kept as a tagged value until conversion so range errors say where. */
class Ticks {
  readonly ticks: bigint;
  constructor(ticks: bigint) {
    this.ticks = ticks;
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

const parsers = {
  timestampFromMilliseconds: (ms: bigint) => new Ticks(ms * 10_000n),
  timestampFromMicroseconds: (us: bigint) => new Ticks(us * 10n),
  timestampFromNanoseconds: (ns: bigint) => new Ticks(floorDiv(ns, 100n)),
  dateFromDays: (days: number) => new Ticks(BigInt(days) * 864_000_000_000n),
};

export class ParquetDeserializer implements Deserializer {
  readonly type = 'Parquet' as const;
  readonly isSync = false;

  decode(): number {
    // Calling this is a caller bug (isSync is false), not bad data.
    throw new SluiceError('SLUICE_FORMAT_PARQUET_ASYNC', 'the Parquet reader is asynchronous; call decodeAsync (isSync is false)', { domain: 'internal' });
  }

  async decodeAsync(payload: Uint8Array, into: AsaRecord[]): Promise<number> {
    const file = checkEnvelope(payload);
    let metadata: FileMetaData;
    try {
      metadata = parquetMetadata(file);
    } catch (err) {
      throw formatError('SLUICE_FORMAT_PARQUET_METADATA', `Parquet file footer cannot be read (corrupt or truncated file, ${payload.length} bytes)`, { length: payload.length, error: libraryErrorName(err) }, err);
    }
    let rows: Record<string, unknown>[];
    try {
      rows = await parquetReadObjects({ file, metadata, compressors, parsers, utf8: false });
    } catch (err) {
      throw formatError('SLUICE_FORMAT_PARQUET_DATA', 'Parquet file data cannot be decoded (corrupt page or unsupported encoding)', { error: libraryErrorName(err) }, err);
    }
    const events: AsaRecord[] = [];
    for (let r = 0; r < rows.length; r++) events.push(toRecord(rows[r] as Record<string, unknown>, r));
    for (const e of events) into.push(e);
    return events.length;
  }
}

function checkEnvelope(payload: Uint8Array): ArrayBuffer {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  if (payload.length < 12 || view.getUint32(0, true) !== MAGIC || view.getUint32(payload.length - 4, true) !== MAGIC) {
    throw formatError('SLUICE_FORMAT_PARQUET_MAGIC', `payload is not a whole Parquet file (it must start and end with "PAR1"; ${payload.length} bytes)`, { length: payload.length });
  }
  // hyparquet wants an ArrayBuffer of exactly the file.
  return payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.byteLength) as ArrayBuffer;
}

function toRecord(row: Record<string, unknown>, r: number): AsaRecord {
  const out: AsaRecord = {};
  for (const key in row) out[key] = toValue(row[key], r, key);
  return out;
}

function toValue(v: unknown, r: number, path: string): AsaValue {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return v;
    case 'bigint':
      return exactInteger(v, `in row ${r}, column ${path}`);
    case 'undefined':
      return null;
    default:
      break;
  }
  if (v === null) return null;
  if (v instanceof Ticks) {
    if (v.ticks < MIN_TICKS || v.ticks > MAX_TICKS) {
      throw formatError('SLUICE_FORMAT_PARQUET_DATETIME', `Parquet timestamp in row ${r}, column ${path} is outside 0001-01-01 to 9999-12-31`, { row: r, column: path });
    }
    return AsaDateTime.fromEpochTicks(v.ticks);
  }
  if (v instanceof Date) return AsaDateTime.fromEpochMs(v.getTime());
  if (v instanceof Uint8Array) return bytesToBase64(v);
  if (Array.isArray(v)) return v.map((item, i) => toValue(item, r, `${path}[${i}]`));
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (typeof v === 'object') {
    const out: AsaRecord = {};
    for (const key in v) out[key] = toValue((v as Record<string, unknown>)[key], r, `${path}.${key}`);
    return out;
  }
  throw formatError('SLUICE_FORMAT_PARQUET_TYPE', `Parquet value in row ${r}, column ${path} has an unsupported type (${typeof v})`, { row: r, column: path });
}
