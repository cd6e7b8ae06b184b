// ASA's JSON input: a payload holds one object, an array of objects, or several objects separated by
// newlines (or just concatenated). Strings stay strings: ASA does not turn ISO-8601 text into datetime
// on read ("Input validation in Azure Stream Analytics queries": a JSON timestamp string is inherited
// as nvarchar(max); use CAST or TIMESTAMP BY). A top-level value that is not an object is an error.
import { isSluiceError, positionAt } from '../../common/index.ts';
import { isRecord, type AsaRecord, type AsaValue } from '../../types/index.ts';
import { SyncDeserializer } from '../deserializer.ts';
import { formatError } from '../format-error.ts';
import { decodeUtf8 } from '../utf8.ts';
import { findJsonError } from './find-json-error.ts';
import { parseJsonText } from './parse-json-text.ts';
import { splitJsonValues } from './split-json-values.ts';

export class JsonDeserializer extends SyncDeserializer {
  readonly type = 'Json' as const;

  decode(payload: Uint8Array, into: AsaRecord[]): number {
    const text = decodeUtf8(payload, 'JSON');
    let value: AsaValue;
    try {
      value = parseJsonText(text);
    } catch (err) {
      if (isSluiceError(err)) throw err;
      // Not one JSON text: maybe several objects one after another.
      return decodeSeveral(text, into, err);
    }
    return appendTopLevel(value, text, 0, into);
  }
}

function appendTopLevel(value: AsaValue, text: string, offset: number, into: AsaRecord[]): number {
  // JSON.parse never yields an AsaDateTime, so a plain object test suffices on the hot path.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    into.push(value as AsaRecord);
    return 1;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i] ?? null;
      if (!isRecord(item)) throw notAnObject(item, text, offset, `element ${i} of the top-level array`);
    }
    for (const item of value) into.push(item as AsaRecord);
    return value.length;
  }
  throw notAnObject(value, text, offset, 'the top-level value');
}

function decodeSeveral(text: string, into: AsaRecord[], firstError: unknown): number {
  const pieces = splitJsonValues(text);
  // An empty (or all-whitespace) payload, e.g. a Kafka tombstone, holds no events.
  if (pieces.length === 0) return 0;
  if (pieces.length <= 1) throw syntaxError(text, pieces[0]?.start ?? 0, firstError);
  const events: AsaRecord[] = [];
  for (const piece of pieces) {
    let value: AsaValue;
    try {
      value = parseJsonText(text.slice(piece.start, piece.end));
    } catch (err) {
      if (isSluiceError(err)) throw err;
      throw syntaxError(text, piece.start, err);
    }
    appendTopLevel(value, text, piece.start, events);
  }
  for (const e of events) into.push(e);
  return events.length;
}

/** V8's message quotes the payload, so it is dropped; the position comes from findJsonError. */
function syntaxError(text: string, base: number, _err: unknown): Error {
  const piece = text.slice(base);
  const at = findJsonError(piece);
  const offset = base + (at < 0 ? 0 : at);
  const pos = positionAt(text, offset);
  return formatError('SLUICE_FORMAT_JSON_SYNTAX', `invalid JSON at line ${pos.line}, column ${pos.column} (character ${offset})`, {
    line: pos.line, column: pos.column, offset,
  });
}

function notAnObject(value: AsaValue, text: string, offset: number, what: string): Error {
  const pos = positionAt(text, offset);
  const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'a value' : `a ${typeof value}`;
  return formatError('SLUICE_FORMAT_JSON_NOT_OBJECT', `${what} at line ${pos.line} is ${kind}; ASA reads events only from JSON objects (or arrays of objects)`, {
    line: pos.line, column: pos.column,
  });
}
