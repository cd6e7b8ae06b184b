// GetMetadataPropertyValue for Kafka events. ASA documents no Kafka metadata, so sluice follows its
// Event Hubs conventions (learn.microsoft.com/stream-analytics-query/getmetadatapropertyvalue):
//   '[Kafka]' (the whole record) or '[Kafka].[Topic|PartitionId|Offset|Key|Timestamp|TimestampType]',
//   '[User]' (all headers) or '[User].[name]' (one header), and 'EventId' — a GUID derived from topic,
//   partition and offset, so it is the same each time the event is read (usable as a key downstream).
// Property paths are case-insensitive; brackets are optional.
import { createHash } from 'node:crypto';
import { AsaDateTime, type AsaRecord, type AsaValue } from '../../types/index.ts';
import type { KafkaRecord } from './kafka-client.ts';
import type { KafkaTimestampType } from './timestamp-type-check.ts';

/** Splits `[Kafka].[Topic]` / `Kafka.Topic` into lower-cased parts. */
export function metadataPath(property: string): string[] {
  const parts: string[] = [];
  const re = /\[([^\]]*)\]|([^.[\]]+)/g;
  for (let m = re.exec(property); m; m = re.exec(property)) parts.push((m[1] ?? m[2] ?? '').trim().toLowerCase());
  return parts;
}

/** A stable GUID-shaped id for one Kafka record (a name-based, SHA-1 UUID in the style of RFC 9562 v5). */
export function kafkaEventId(topic: string, partition: number, offset: number): string {
  const h = createHash('sha1').update(`kafka:${topic}/${partition}/${offset}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

function headerRecord(record: KafkaRecord): AsaRecord {
  const out: AsaRecord = {};
  for (const h of record.headers) out[h.key] = h.value.toString('utf8');
  return out;
}

function kafkaRecord(record: KafkaRecord, timestampType: KafkaTimestampType): AsaRecord {
  return {
    Topic: record.topic,
    PartitionId: record.partition,
    Offset: record.offset,
    Key: record.key === null ? null : record.key.toString('utf8'),
    Timestamp: AsaDateTime.fromEpochMs(record.timestamp),
    TimestampType: timestampType,
  };
}

export function kafkaMetadata(record: KafkaRecord, property: string, timestampType: KafkaTimestampType): AsaValue {
  const [head, field, ...rest] = metadataPath(property);
  if (rest.length > 0) return null;
  if (head === 'eventid' && field === undefined) return kafkaEventId(record.topic, record.partition, record.offset);
  if (head === 'user') {
    if (field === undefined) return headerRecord(record);
    for (let i = record.headers.length - 1; i >= 0; i--) {
      const h = record.headers[i]!;
      if (h.key.toLowerCase() === field) return h.value.toString('utf8');
    }
    return null;
  }
  if (head === 'kafka') {
    const all = kafkaRecord(record, timestampType);
    if (field === undefined) return all;
    for (const key of Object.keys(all)) if (key.toLowerCase() === field) return all[key] ?? null;
  }
  return null;
}
