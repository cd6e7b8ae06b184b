// Event serialization of an input or output: the `Serialization` object of ASA's input/output files
// ({ Type, Encoding, FieldDelimiter, Format }) or the ARM shape ({ type, properties: { … } }).
// Allowed values follow the ARM spec (Json encoding UTF8, format LineSeparated|Array for outputs; Csv
// delimiters , ; space tab |) and the portal's Protobuf fields (definition file, message type, prefix style;
// learn.microsoft.com "Parse Protobuf in Azure Stream Analytics").
import { z } from 'zod';
import { ciEnum, ciObject, EVEN_WITH_ISSUES, flattenArmProperties, text } from './case-insensitive.ts';

export type SerializationType = 'Json' | 'Csv' | 'Avro' | 'Parquet' | 'Protobuf';

export type Serialization =
  | { type: 'Json'; encoding: 'UTF8'; format: 'LineSeparated' | 'Array' }
  | { type: 'Csv'; encoding: 'UTF8'; fieldDelimiter: string }
  | { type: 'Avro' }
  | { type: 'Parquet' }
  | {
    type: 'Protobuf';
    /** The .proto file, as written (project readers resolve it against the definition file's folder). */
    protoFile: string;
    /** Fully qualified message type, including the package. */
    messageType: string;
    /** How messages are framed: None (one message per event) or Base128 (varint length prefix). */
    prefixStyle: 'None' | 'Base128';
  };

export type SerializationDirection = 'input' | 'output';

const DELIMITERS: Record<string, string> = {
  ',': ',', ';': ';', ' ': ' ', '\t': '\t', '|': '|',
  comma: ',', semicolon: ';', space: ' ', tab: '\t', '\\t': '\t', pipe: '|', 'vertical bar': '|',
};

const fieldDelimiter = z.preprocess(
  (v) => (typeof v === 'string' ? (DELIMITERS[v.toLowerCase()] ?? DELIMITERS[v.trim().toLowerCase()] ?? v) : v),
  z.enum([',', ';', ' ', '\t', '|'], {
    error: (i) => `is ${JSON.stringify(i.input)}; allowed: "," ";" " " (space) "\\t" (tab) "|"`,
  }),
);

const rawSerialization = ciObject({
  Type: ciEnum(['Json', 'Csv', 'Avro', 'Parquet', 'Protobuf', 'CustomClr', 'Delta'], {}, ['CustomClr', 'Delta']),
  Encoding: ciEnum(['UTF8'], { 'utf-8': 'UTF8' }).optional(),
  Format: ciEnum(['LineSeparated', 'Array'], { 'line separated': 'LineSeparated' }).optional(),
  FieldDelimiter: fieldDelimiter.optional(),
  ProtoFile: text('a file path').optional(),
  MessageType: text('a message type name').optional(),
  PrefixStyle: ciEnum(['None', 'Base128']).optional(),
});

/** The Serialization schema for an input or an output. */
export function serializationSchema(direction: SerializationDirection) {
  return z.preprocess(flattenArmProperties, rawSerialization).superRefine((s, ctx) => {
    if (s.Type === 'CustomClr') {
      ctx.addIssue({ code: 'custom', path: ['Type'], message: 'is CustomClr: custom .NET deserializers were retired by ASA on 30 September 2024 and sluice cannot run them; use Json, Csv, Avro, Parquet or Protobuf' });
    }
    if (s.Type === 'Delta') {
      ctx.addIssue({ code: 'custom', path: ['Type'], message: 'is Delta: Delta Lake outputs are not supported by sluice yet; use Parquet files' });
    }
    if (s.Type === 'Protobuf') {
      if (direction === 'output') ctx.addIssue({ code: 'custom', path: ['Type'], message: 'is Protobuf, which ASA supports for inputs only' });
      if (s.ProtoFile === undefined) ctx.addIssue({ code: 'custom', path: ['ProtoFile'], message: 'is required for Protobuf: the .proto definition file' });
      if (s.MessageType === undefined) ctx.addIssue({ code: 'custom', path: ['MessageType'], message: 'is required for Protobuf: the message type, including its package' });
    }
  }, EVEN_WITH_ISSUES).transform((s): Serialization => {
    switch (s.Type) {
      case 'Csv': return { type: 'Csv', encoding: 'UTF8', fieldDelimiter: s.FieldDelimiter ?? ',' };
      case 'Avro': return { type: 'Avro' };
      case 'Parquet': return { type: 'Parquet' };
      case 'Protobuf':
        return { type: 'Protobuf', protoFile: s.ProtoFile ?? '', messageType: s.MessageType ?? '', prefixStyle: s.PrefixStyle ?? 'None' };
      default:
        // Format only matters for outputs (ASA: "applies to outputs only"); inputs read both shapes.
        return { type: 'Json', encoding: 'UTF8', format: s.Format ?? 'LineSeparated' };
    }
  });
}
