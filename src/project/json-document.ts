// A small JSON reader that keeps the position of every key and value, so that errors can say
// file:line:column. It is as lenient as the Json.NET reader ASA's tools use: a UTF-8 byte-order mark,
// // and /* */ comments and trailing commas are accepted. Keys that differ only in case are reported,
// since every key in a project file is matched ignoring case.
import { positionAt, type SourcePosition } from '../common/index.ts';

type Path = readonly (string | number)[];

export interface JsonLocation {
  /** Start of the key (for object members). */
  key?: SourcePosition;
  /** Start of the value. */
  value: SourcePosition;
}

export interface JsonProblem {
  message: string;
  position: SourcePosition;
  path: Path;
}

export interface JsonDocument {
  text: string;
  /** The parsed value; undefined when the text is not JSON (see syntaxError). */
  value: unknown;
  syntaxError?: JsonProblem;
  /** Keys repeated within one object, ignoring case. */
  duplicateKeys: JsonProblem[];
  /** Where a path (with the document's own spelling of keys) starts; the deepest existing prefix otherwise. */
  locate(path: Path): JsonLocation | undefined;
}

class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

export function parseJsonDocument(source: string): JsonDocument {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const locations = new Map<string, JsonLocation>();
  const duplicateKeys: JsonProblem[] = [];
  let i = 0;

  const pos = (offset: number): SourcePosition => positionAt(text, offset);
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const describe = (at: number): string => (at >= text.length ? 'the end of the file' : JSON.stringify(text[at]));

  function skip(): void {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && text[i + 1] === '/') {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) fail('an unterminated /* comment');
        i = end + 2;
      } else return;
    }
  }

  function parseString(): string {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('an unterminated string', start);
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\n') fail('a line break inside a string', i);
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('an invalid escape sequence in a string', i);
      } else {
        out += c;
        i++;
      }
    }
  }

  function parseValue(path: Path, keyOffset?: number): unknown {
    skip();
    const start = i;
    const loc: JsonLocation = keyOffset === undefined ? { value: pos(start) } : { key: pos(keyOffset), value: pos(start) };
    locations.set(JSON.stringify(path), loc);
    const c = text[i];
    if (c === '{') return parseObject(path);
    if (c === '[') return parseArray(path);
    if (c === '"') return parseString();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (m && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return Number(m[0]);
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return fail(`expected a value but found ${describe(i)}`);
  }

  function parseObject(path: Path): Record<string, unknown> {
    i++; // {
    const out: Record<string, unknown> = {};
    const seen = new Map<string, string>();
    for (;;) {
      skip();
      if (text[i] === '}') {
        i++;
        return out;
      }
      if (text[i] !== '"') fail(`expected a "key" or } but found ${describe(i)}`);
      const keyOffset = i;
      const key = parseString();
      skip();
      if (text[i] !== ':') fail(`expected : after the key ${JSON.stringify(key)} but found ${describe(i)}`);
      i++;
      const first = seen.get(key.toLowerCase());
      if (first !== undefined) {
        duplicateKeys.push({
          message: first === key ? `repeats the key ${JSON.stringify(key)}` : `repeats the key ${JSON.stringify(first)} as ${JSON.stringify(key)} (keys are compared ignoring case)`,
          position: pos(keyOffset),
          path: [...path, key],
        });
      } else seen.set(key.toLowerCase(), key);
      const value = parseValue([...path, key], keyOffset);
      if (!(key in out) && first === undefined) out[key] = value;
      skip();
      if (text[i] === ',') i++;
      else if (text[i] !== '}') fail(`expected , or } but found ${describe(i)}`);
    }
  }

  function parseArray(path: Path): unknown[] {
    i++; // [
    const out: unknown[] = [];
    for (;;) {
      skip();
      if (text[i] === ']') {
        i++;
        return out;
      }
      out.push(parseValue([...path, out.length]));
      skip();
      if (text[i] === ',') i++;
      else if (text[i] !== ']') fail(`expected , or ] but found ${describe(i)}`);
    }
  }

  const locate = (path: Path): JsonLocation | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const hit = locations.get(JSON.stringify(path.slice(0, n)));
      if (hit) return hit;
    }
    return undefined;
  };

  try {
    const value = parseValue([]);
    skip();
    if (i < text.length) fail(`${describe(i)} after the end of the JSON value`);
    return { text, value, duplicateKeys, locate };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return {
      text,
      value: undefined,
      duplicateKeys,
      locate,
      syntaxError: { message: `is not valid JSON (${e.message})`, position: pos(e.offset), path: [] },
    };
  }
}
