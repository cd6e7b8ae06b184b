// ASA's Protobuf input: a .proto text, a fully qualified message type and a prefix style — None (the
// payload is one message) or Base128 (varint length-prefixed messages, several per payload; what
// protobuf-net calls PrefixStyle.Base128 and Google's writeDelimitedTo produces). Source: "Parse
// Protobuf in Azure Stream Analytics".
// Values, following protobuf-net (which ASA's deserializer is built on, per that page): every field of
// the message is present, unset scalars with their proto3 default (0, "", false), unset messages NULL,
// unset repeated fields empty arrays; 64-bit integers exact; enums by their name (a number with no name
// stays a number); bytes as base64 text; maps → records; google.protobuf.Timestamp → datetime.
// ASA does not document enum or default handling; these are sluice's reading of protobuf-net.
import protobuf from 'protobufjs';
import { AsaDateTime, type AsaRecord, type AsaValue } from '../../types/index.ts';
import { SyncDeserializer } from '../deserializer.ts';
import { bytesToBase64, exactInteger } from '../exact-integer.ts';
import { formatError } from '../format-error.ts';
import type { PrefixStyle, ProtobufSpec } from '../serialization-spec.ts';
import { loadProtoType } from './load-proto-type.ts';

interface LongLike {
  low: number;
  high: number;
  unsigned: boolean;
}

export class ProtobufDeserializer extends SyncDeserializer {
  readonly type = 'Protobuf' as const;
  readonly #message: protobuf.Type;
  readonly #prefix: PrefixStyle;

  constructor(spec: ProtobufSpec) {
    super();
    this.#message = loadProtoType(spec);
    this.#prefix = spec.prefixStyle ?? 'None';
  }

  decode(payload: Uint8Array, into: AsaRecord[]): number {
    if (this.#prefix === 'None') {
      into.push(this.#decodeOne(payload, 0));
      return 1;
    }
    const events: AsaRecord[] = [];
    let pos = 0;
    while (pos < payload.length) {
      const start = pos;
      let len = 0;
      let scale = 1;
      for (;;) {
        const b = payload[pos++];
        if (b === undefined || scale > 2 ** 28) throw formatError('SLUICE_FORMAT_PROTOBUF_PREFIX', `Base128 length prefix at byte ${start} is truncated or too long`, { offset: start });
        len += (b & 0x7f) * scale;
        if (b < 0x80) break;
        scale *= 128;
      }
      if (pos + len > payload.length) {
        throw formatError('SLUICE_FORMAT_PROTOBUF_TRUNCATED', `Base128-prefixed message at byte ${start} claims ${len} bytes but only ${payload.length - pos} remain`, { offset: start, length: len });
      }
      events.push(this.#decodeOne(payload.subarray(pos, pos + len), pos));
      pos += len;
    }
    for (const e of events) into.push(e);
    return events.length;
  }

  #decodeOne(bytes: Uint8Array, offset: number): AsaRecord {
    let msg: protobuf.Message;
    try {
      msg = this.#message.decode(bytes);
    } catch (err) {
      const detail = err instanceof Error ? err.message.replace(/[^\w ():,.-]/g, '').slice(0, 80) : '';
      throw formatError('SLUICE_FORMAT_PROTOBUF_DATA', `Protobuf message at byte ${offset} does not decode as ${this.#message.fullName.slice(1)} (${detail})`, { offset }, err);
    }
    return messageToRecord(this.#message, msg as unknown as Record<string, unknown>);
  }
}

function messageToRecord(type: protobuf.Type, msg: Record<string, unknown>): AsaRecord {
  const out: AsaRecord = {};
  for (const field of type.fieldsArray) {
    const v = msg[field.name];
    if (field.map) {
      const rec: AsaRecord = {};
      const obj = (v ?? {}) as Record<string, unknown>;
      for (const k in obj) rec[k] = fieldValue(field, obj[k]);
      out[field.name] = rec;
    } else if (field.repeated) {
      out[field.name] = Array.isArray(v) ? v.map((item: unknown) => fieldValue(field, item)) : [];
    } else {
      out[field.name] = fieldValue(field, v);
    }
  }
  return out;
}

function fieldValue(field: protobuf.Field, v: unknown): AsaValue {
  if (v === undefined || v === null) return null;
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Enum) {
    const name = rt.valuesById[v as number];
    return name ?? (v as number);
  }
  if (rt instanceof protobuf.Type) {
    const m = v as Record<string, unknown>;
    if (rt.fullName === '.google.protobuf.Timestamp') return timestamp(m, field.name);
    return messageToRecord(rt, m);
  }
  switch (typeof v) {
    case 'number':
    case 'string':
    case 'boolean':
      return v;
    default:
      break;
  }
  if (v instanceof Uint8Array) return bytesToBase64(v);
  // protobufjs's default for an unset bytes field is a plain empty array.
  if (field.type === 'bytes' && Array.isArray(v)) return bytesToBase64(Uint8Array.from(v as number[]));
  if (typeof v === 'object' && 'low' in v && 'high' in v) return longValue(v as LongLike, field.name);
  return null;
}

function longBig(l: LongLike): bigint {
  const raw = (BigInt(l.high >>> 0) << 32n) | BigInt(l.low >>> 0);
  return l.unsigned ? raw : BigInt.asIntN(64, raw);
}

function longValue(l: LongLike, name: string): number | bigint {
  // Fast path: high word 0 (or -1 for small negatives) fits a double exactly.
  if (l.high === 0) return l.low >>> 0;
  if (l.high === -1 && !l.unsigned && l.low < 0) return l.low;
  return exactInteger(longBig(l), `in field ${name}`);
}

function timestamp(m: Record<string, unknown>, name: string): AsaDateTime {
  const secs = m.seconds;
  const seconds = typeof secs === 'number' ? BigInt(secs) : secs && typeof secs === 'object' ? longBig(secs as LongLike) : 0n;
  const nanos = typeof m.nanos === 'number' ? m.nanos : 0;
  const ticks = seconds * 10_000_000n + BigInt(Math.floor(nanos / 100));
  try {
    return AsaDateTime.fromEpochTicks(ticks);
  } catch (err) {
    throw formatError('SLUICE_FORMAT_PROTOBUF_DATETIME', `Timestamp in field ${name} is outside 0001-01-01 to 9999-12-31`, { field: name }, err);
  }
}
