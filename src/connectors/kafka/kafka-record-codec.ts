// Packs a batch of KafkaRecords into one byte array and back, so that a batch crosses between the engine and
// a client process (consumed records to the engine, records to produce from it) as a single copy: no
// per-record message, and the receiving side allocates one small object and a few views per record.
//
// Layout, little-endian. Per record: topic index u16 · partition i32 · offset f64 · timestamp f64 ·
// key length i32 (−1: null) · value length i32 (−1: null) · header count u16, then the key bytes, the value
// bytes, and per header: key length u16 · key (UTF-8) · value length i32 · value.
import type { AsaRecord } from '../../types/index.ts';
import type { KafkaHeader, KafkaRecord, OutgoingRecord, PackedRecords } from './kafka-client.ts';

export type { PackedRecords } from './kafka-client.ts';

const FIXED = 2 + 4 + 8 + 8 + 4 + 4 + 2;
const NO_HEADERS: KafkaHeader[] = Object.freeze([]) as unknown as KafkaHeader[];

export function packRecords(records: readonly KafkaRecord[]): PackedRecords {
  const topics: string[] = [];
  let size = 0;
  for (const r of records) {
    size += FIXED + (r.key?.length ?? 0) + (r.value?.length ?? 0);
    for (const h of r.headers) size += 2 + Buffer.byteLength(h.key) + 4 + h.value.length;
  }
  const out = Buffer.allocUnsafeSlow(size);
  let topic: string | undefined;
  let topicIndex = -1;
  let at = 0;
  for (const r of records) {
    if (r.topic !== topic) {
      topic = r.topic;
      topicIndex = topics.indexOf(topic);
      if (topicIndex < 0) topicIndex = topics.push(topic) - 1;
    }
    out.writeUInt16LE(topicIndex, at);
    out.writeInt32LE(r.partition, at + 2);
    out.writeDoubleLE(r.offset, at + 6);
    out.writeDoubleLE(r.timestamp, at + 14);
    out.writeInt32LE(r.key === null ? -1 : r.key.length, at + 22);
    out.writeInt32LE(r.value === null ? -1 : r.value.length, at + 26);
    out.writeUInt16LE(r.headers.length, at + 30);
    at += FIXED;
    if (r.key !== null) at += r.key.copy(out, at);
    if (r.value !== null) at += r.value.copy(out, at);
    for (const h of r.headers) {
      const keyLength = out.write(h.key, at + 2, 'utf8');
      out.writeUInt16LE(keyLength, at);
      at += 2 + keyLength;
      out.writeInt32LE(h.value.length, at);
      at += 4 + h.value.copy(out, at + 4);
    }
  }
  return { topics, count: records.length, bytes: out };
}

/** The records of a packed batch; keys, values and header values are views of its bytes, not copies. */
export function unpackRecords(packed: PackedRecords): KafkaRecord[] {
  const bytes = packed.bytes;
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records = new Array<KafkaRecord>(packed.count);
  let at = 0;
  for (let i = 0; i < packed.count; i++) {
    const topic = packed.topics[buf.readUInt16LE(at)]!;
    const partition = buf.readInt32LE(at + 2);
    const offset = buf.readDoubleLE(at + 6);
    const timestamp = buf.readDoubleLE(at + 14);
    const keyLength = buf.readInt32LE(at + 22);
    const valueLength = buf.readInt32LE(at + 26);
    const headerCount = buf.readUInt16LE(at + 30);
    at += FIXED;
    let key: Buffer | null = null;
    if (keyLength >= 0) {
      key = buf.subarray(at, at + keyLength);
      at += keyLength;
    }
    let value: Buffer | null = null;
    if (valueLength >= 0) {
      value = buf.subarray(at, at + valueLength);
      at += valueLength;
    }
    let headers = NO_HEADERS;
    if (headerCount > 0) {
      headers = [];
      for (let h = 0; h < headerCount; h++) {
        const keyEnd = at + 2 + buf.readUInt16LE(at);
        const name = buf.toString('utf8', at + 2, keyEnd);
        const length = buf.readInt32LE(keyEnd);
        headers.push({ key: name, value: buf.subarray(keyEnd + 4, keyEnd + 4 + length) });
        at = keyEnd + 4 + length;
      }
    }
    records[i] = { topic, partition, offset, key, value, timestamp, headers };
  }
  return records;
}

/** What writes a row's payload into a buffer (Serializer.writeRow). */
export interface RowWriter {
  writeRow(row: AsaRecord, out: Buffer, at: number, limit: number): number;
}

/**
 * Builds packed records to produce one by one, the values given as text: a sink whose serializer prints text
 * (JSON) writes each row's bytes straight into the batch, with no Buffer or record object per row. The
 * buffer is reused: a finished batch is valid until the next reset().
 */
export class OutgoingPacker {
  #bytes = Buffer.allocUnsafeSlow(64 * 1024);
  #at = 0;
  #count = 0;

  reset(): void {
    this.#at = 0;
    this.#count = 0;
  }

  /** Adds a record whose value is `value` in UTF-8, keyed by `key` (UTF-8) or none, with these headers. */
  add(value: string, key: string | null, headers: readonly KafkaHeader[] | undefined): void {
    // Room for the worst case (3 bytes per UTF-16 unit); the exact lengths are known once written.
    this.#reserve(this.#extraBytes(key, headers) + value.length * 3);
    const p = this.#start(key, headers);
    this.#end(p, p + this.#bytes.write(value, p, 'utf8'), headers);
  }

  /** Adds a record whose value `writer` writes straight into the batch (Serializer.writeRow). */
  addRow(writer: RowWriter, row: AsaRecord, key: string | null, headers: readonly KafkaHeader[] | undefined): void {
    const extra = this.#extraBytes(key, headers);
    for (let room = 256; ; room *= 2) {
      this.#reserve(extra + room);
      const p = this.#start(key, headers);
      // The headers' bytes follow the value: the value may use what the headers leave.
      const end = writer.writeRow(row, this.#bytes, p, this.#bytes.length - (extra - FIXED - (key === null ? 0 : key.length * 3)));
      if (end >= 0) return this.#end(p, end, headers);
    }
  }

  /** Bytes a record needs besides its value (worst case). */
  #extraBytes(key: string | null, headers: readonly KafkaHeader[] | undefined): number {
    let need = FIXED + (key === null ? 0 : key.length * 3);
    if (headers !== undefined) for (const h of headers) need += 6 + h.key.length * 3 + h.value.length;
    return need;
  }

  /** Writes the fixed part and the key of the next record; returns where its value goes. */
  #start(key: string | null, headers: readonly KafkaHeader[] | undefined): number {
    const out = this.#bytes;
    const at = this.#at;
    out.writeUInt16LE(0, at);
    out.writeInt32LE(-1, at + 2);
    out.writeDoubleLE(0, at + 6);
    out.writeDoubleLE(NaN, at + 14);
    out.writeUInt16LE(headers?.length ?? 0, at + 30);
    if (key === null) {
      out.writeInt32LE(-1, at + 22);
      return at + FIXED;
    }
    const n = out.write(key, at + FIXED, 'utf8');
    out.writeInt32LE(n, at + 22);
    return at + FIXED + n;
  }

  /** Completes the record whose value lies in [valueAt, valueEnd): its length, then the headers. */
  #end(valueAt: number, valueEnd: number, headers: readonly KafkaHeader[] | undefined): void {
    const out = this.#bytes;
    out.writeInt32LE(valueEnd - valueAt, this.#at + 26);
    let p = valueEnd;
    if (headers !== undefined) {
      for (const h of headers) {
        const keyLength = out.write(h.key, p + 2, 'utf8');
        out.writeUInt16LE(keyLength, p);
        p += 2 + keyLength;
        out.writeInt32LE(h.value.length, p);
        p += 4 + h.value.copy(out, p + 4);
      }
    }
    this.#at = p;
    this.#count++;
  }

  /** The records added since the last reset (their bytes are a view of the reused buffer). */
  finish(): PackedRecords {
    return { topics: [''], count: this.#count, bytes: this.#bytes.subarray(0, this.#at) };
  }

  #reserve(n: number): void {
    if (this.#at + n <= this.#bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.#bytes.length * 2, this.#at + n));
    this.#bytes.copy(grown, 0, 0, this.#at);
    this.#bytes = grown;
  }
}

/**
 * Records to produce, packed the same way (the writer process's input): no partition is −1, no timestamp NaN,
 * a string key its UTF-8 bytes.
 */
export function packOutgoing(records: readonly OutgoingRecord[]): PackedRecords {
  const as = new Array<KafkaRecord>(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    as[i] = {
      topic: '', partition: r.partition ?? -1, offset: 0, timestamp: r.timestamp ?? NaN, value: r.value,
      key: r.key === undefined || r.key === null ? null : typeof r.key === 'string' ? Buffer.from(r.key) : r.key,
      headers: r.headers ?? NO_HEADERS,
    };
  }
  return packRecords(as);
}

export function unpackOutgoing(packed: PackedRecords): OutgoingRecord[] {
  return unpackRecords(packed).map((r) => {
    const out: OutgoingRecord = { value: r.value, key: r.key };
    if (r.partition >= 0) out.partition = r.partition;
    if (!Number.isNaN(r.timestamp)) out.timestamp = r.timestamp;
    if (r.headers.length > 0) out.headers = r.headers;
    return out;
  });
}
