// ASA's Avro input: each payload is one object container file with its schema embedded (ASA: "schema
// embedded in container file"; compressed blocks are handled transparently). Each record datum is one
// event. Compiled readers are cached by schema text, since every message of a topic usually repeats it.
// Extension (not ASA): with an AvroWireFormat, a payload starting with byte 0 is read as a Confluent
// wire-format message — 4-byte big-endian schema id, then one datum in that writer schema.
import { isRecord, type AsaRecord } from '../../types/index.ts';
import { SyncDeserializer } from '../deserializer.ts';
import { formatError } from '../format-error.ts';
import { AVRO_CODECS } from './avro-codecs.ts';
import type { AvroWireFormat } from '../serialization-spec.ts';
import { containerBlocks, isAvroContainer, readContainerHeader } from './avro-container.ts';
import { AvroCursor } from './avro-cursor.ts';
import type { AvroSchema } from './avro-schema.ts';
import { compileAvroReader, type AvroReader } from './compile-avro-reader.ts';

const CACHE_LIMIT = 64;

export class AvroDeserializer extends SyncDeserializer {
  readonly type = 'Avro' as const;
  readonly #readers = new Map<string, AvroReader>();
  readonly #wire: AvroWireFormat | undefined;

  constructor(wire?: AvroWireFormat) {
    super();
    this.#wire = wire;
  }

  decode(payload: Uint8Array, into: AsaRecord[]): number {
    if (this.#wire && payload[0] === 0 && !isAvroContainer(payload)) return this.#decodeWire(this.#wire, payload, into);
    const header = readContainerHeader(payload);
    const codec = AVRO_CODECS[header.codec];
    if (!codec) {
      throw formatError('SLUICE_FORMAT_AVRO_CODEC', `Avro codec ${JSON.stringify(header.codec.slice(0, 20))} is not supported (null, deflate, snappy, zstandard are)`, { codec: header.codec.slice(0, 20) });
    }
    const read = this.#reader(header.schemaText);
    const events: AsaRecord[] = [];
    for (const block of containerBlocks(payload, header)) {
      const data = codec(block.data, block.offset);
      // Offsets in messages count from the block's data in the file (uncompressed offsets if compressed).
      const c = new AvroCursor(data, 0, data.length, block.offset);
      for (let i = 0; i < block.count; i++) {
        const value = read(c);
        if (!isRecord(value)) {
          throw formatError('SLUICE_FORMAT_AVRO_NOT_RECORD', 'Avro file schema is not a record; ASA reads events only from Avro records');
        }
        events.push(value);
      }
      if (c.pos !== c.end) {
        throw formatError('SLUICE_FORMAT_AVRO_BLOCK', `Avro block at byte ${block.offset} has ${c.end - c.pos} bytes left after its ${block.count} records`, { offset: block.offset });
      }
    }
    for (const e of events) into.push(e);
    return events.length;
  }

  #decodeWire(wire: AvroWireFormat, payload: Uint8Array, into: AsaRecord[]): number {
    if (payload.length < 5) throw formatError('SLUICE_FORMAT_AVRO_TRUNCATED', `Avro wire-format message of ${payload.length} bytes is shorter than its 5-byte header`, { length: payload.length });
    const id = new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(1, false);
    const schemaText = wire.schemaForId(id);
    if (schemaText === undefined) throw formatError('SLUICE_FORMAT_AVRO_SCHEMA_ID', `Avro wire-format message names schema id ${id}, which is not known`, { schemaId: id });
    const c = new AvroCursor(payload, 5);
    const value = this.#reader(schemaText)(c);
    if (!isRecord(value)) throw formatError('SLUICE_FORMAT_AVRO_NOT_RECORD', `Avro schema ${id} is not a record; events come only from Avro records`, { schemaId: id });
    if (c.pos !== c.end) throw formatError('SLUICE_FORMAT_AVRO_BLOCK', `Avro wire-format message has ${c.end - c.pos} bytes left after its datum`, { schemaId: id });
    into.push(value);
    return 1;
  }

  #reader(schemaText: string): AvroReader {
    let r = this.#readers.get(schemaText);
    if (r) return r;
    let schema: AvroSchema;
    try {
      schema = JSON.parse(schemaText) as AvroSchema;
    } catch (err) {
      throw formatError('SLUICE_FORMAT_AVRO_SCHEMA', 'Avro container file header holds a schema that is not valid JSON', {}, err);
    }
    r = compileAvroReader(schema);
    if (this.#readers.size >= CACHE_LIMIT) this.#readers.clear();
    this.#readers.set(schemaText, r);
    return r;
  }
}
