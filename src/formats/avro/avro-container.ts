// Avro object container files (spec: "Object Container Files"): magic `Obj\x01`, a metadata map with
// avro.schema and avro.codec, a 16-byte sync marker, then blocks of (count, size, data, sync). Read
// synchronously from one buffer, because a Kafka message or an input file arrives whole.
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { formatError } from '../format-error.ts';
import { AvroCursor } from './avro-cursor.ts';
import { AvroWriter } from './avro-writer.ts';

const MAGIC = [0x4f, 0x62, 0x6a, 0x01];

export interface ContainerHeader {
  schemaText: string;
  codec: string;
  sync: Uint8Array;
  /** Where the first block starts. */
  dataStart: number;
}

export interface ContainerBlock {
  count: number;
  /** Offset of the block's data in the file, for messages. */
  offset: number;
  data: Uint8Array;
}

export function isAvroContainer(payload: Uint8Array): boolean {
  return payload.length >= 4 && MAGIC.every((b, i) => payload[i] === b);
}

export function readContainerHeader(payload: Uint8Array): ContainerHeader {
  if (!isAvroContainer(payload)) {
    throw formatError('SLUICE_FORMAT_AVRO_MAGIC', 'payload is not an Avro object container file (it does not start with "Obj" 0x01)', { length: payload.length });
  }
  const c = new AvroCursor(payload, 4);
  const meta = new Map<string, Uint8Array>();
  for (let n = c.int('metadata count'); n !== 0; n = c.int('metadata count')) {
    if (n < 0) { n = -n; c.int('metadata size'); }
    for (let i = 0; i < n; i++) meta.set(c.string(), c.bytes('metadata value'));
  }
  const sync = c.fixed(16);
  const schema = meta.get('avro.schema');
  if (!schema) throw formatError('SLUICE_FORMAT_AVRO_SCHEMA', 'Avro container file has no avro.schema in its header');
  const codec = meta.get('avro.codec');
  return {
    schemaText: Buffer.from(schema).toString('utf8'),
    codec: codec ? Buffer.from(codec).toString('utf8') : 'null',
    sync,
    dataStart: c.pos,
  };
}

export function* containerBlocks(payload: Uint8Array, header: ContainerHeader): Generator<ContainerBlock> {
  const c = new AvroCursor(payload, header.dataStart);
  while (c.pos < c.end) {
    const count = c.int('block count');
    const size = c.int('block size');
    if (count < 0 || size < 0) throw formatError('SLUICE_FORMAT_AVRO_BLOCK', `Avro block header at byte ${c.pos} has a negative count or size`, { offset: c.pos });
    const offset = c.pos;
    const data = c.fixed(size);
    const sync = c.fixed(16);
    for (let i = 0; i < 16; i++) {
      if (sync[i] !== header.sync[i]) {
        throw formatError('SLUICE_FORMAT_AVRO_SYNC', `Avro block ending at byte ${c.pos} is not followed by the file's sync marker (corrupt file)`, { offset: c.pos - 16 });
      }
    }
    yield { count, offset, data };
  }
}

/** One container file holding `count` already-encoded records in a single block. */
export function writeContainer(schemaText: string, codec: 'null' | 'deflate', count: number, body: Uint8Array): Uint8Array {
  const w = new AvroWriter(body.length + schemaText.length + 64);
  for (const b of MAGIC) w.byte(b);
  w.long(2);
  w.string('avro.schema');
  w.bytes(Buffer.from(schemaText, 'utf8'));
  w.string('avro.codec');
  w.bytes(Buffer.from(codec, 'utf8'));
  w.long(0);
  const sync = randomBytes(16);
  w.raw(sync);
  if (count > 0) {
    const data = codec === 'deflate' ? deflateRawSync(body) : body;
    w.long(count);
    w.long(data.length);
    w.raw(data);
    w.raw(sync);
  }
  return w.finish();
}
