import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSluiceError } from '../../common/index.ts';
import { AsaDateTime, type AsaRecord } from '../../types/index.ts';
import { createDeserializer, createSerializer, formatJsonValue } from '../index.ts';
import { hasLongDigitRun } from './parse-json-text.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

function decode(text: string | Uint8Array): AsaRecord[] {
  const out: AsaRecord[] = [];
  const n = createDeserializer({ type: 'Json' }).decode(typeof text === 'string' ? enc.encode(text) : text, out);
  assert.equal(n, out.length);
  return out;
}

function errorOf(fn: () => unknown): { code: string; message: string; details: Readonly<Record<string, unknown>> } {
  try {
    fn();
  } catch (err) {
    assert.ok(isSluiceError(err), `expected a SluiceError, got ${String(err)}`);
    assert.equal(err.domain, 'user');
    return { code: err.code, message: err.message, details: err.details };
  }
  assert.fail('expected an error');
}

describe('JSON input', () => {
  it('reads one object, an array of objects, and line-separated or concatenated objects', () => {
    assert.deepEqual(decode('{"a":1}'), [{ a: 1 }]);
    assert.deepEqual(decode('[{"a":1},{"a":2}]'), [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(decode('{"a":1}\n{"a":2}\r\n\n{"a":3}\n'), [{ a: 1 }, { a: 2 }, { a: 3 }]);
    assert.deepEqual(decode('{"a":"}{"}{"b":[1,{"c":"\\""}]}'), [{ a: '}{' }, { b: [1, { c: '"' }] }]);
    assert.deepEqual(decode('   \n'), []);
  });

  it('types values as ASA does: integers bigint, fractions float, nested records and arrays, strings stay strings', () => {
    const [e] = decode('{"i":42,"f":21.5,"e":1.5e3,"b":true,"n":null,"s":"2023-01-01T00:00:00Z","r":{"x":[1,"y"]}}');
    assert.ok(e);
    assert.equal(e.i, 42);
    assert.equal(e.f, 21.5);
    assert.equal(e.e, 1500);
    assert.equal(e.b, true);
    assert.equal(e.n, null);
    // "Input validation in Azure Stream Analytics queries": a JSON timestamp string is nvarchar(max).
    assert.equal(e.s, '2023-01-01T00:00:00Z');
    assert.deepEqual(e.r, { x: [1, 'y'] });
  });

  it('keeps integers beyond 2^53 exact (JS bigint) and leaves long digit runs in strings alone', () => {
    const [e] = decode('{"big":9007199254740993,"neg":-9223372036854775808,"max":9223372036854775807,"safe":9007199254740991,"s":"12345678901234567890","f":12345678901234567890.5}');
    assert.ok(e);
    assert.equal(e.big, 9007199254740993n);
    assert.equal(e.neg, -9223372036854775808n);
    assert.equal(e.max, 9223372036854775807n);
    assert.equal(e.safe, 9007199254740991);
    assert.equal(e.s, '12345678901234567890');
    assert.equal(typeof e.f, 'number');
  });

  it('finds every run of 16+ digits however it falls on the probe lattice', () => {
    for (let len = 0; len < 70; len++) {
      for (let run = 14; run <= 18; run++) {
        for (let at = 0; at + run <= len; at++) {
          const text = 'x'.repeat(at) + '7'.repeat(run) + 'x'.repeat(len - at - run);
          assert.equal(hasLongDigitRun(text), run >= 16, `len ${len} run ${run} at ${at}`);
        }
      }
    }
    assert.equal(hasLongDigitRun('{"a":123456789012345,"b":123456789012345}'), false);
  });

  it('rejects an integer outside bigint range ("Data Types": InputDeserializationError)', () => {
    assert.equal(errorOf(() => decode('{"x":9223372036854775808}')).code, 'SLUICE_FORMAT_BIGINT_RANGE');
  });

  it('tolerates a UTF-8 BOM and rejects invalid UTF-8 with the byte offset', () => {
    assert.deepEqual(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('{"a":"é"}')])), [{ a: 'é' }]);
    const err = errorOf(() => decode(new Uint8Array([...enc.encode('{"a":"'), 0xc3, 0x28, ...enc.encode('"}')])));
    assert.equal(err.code, 'SLUICE_FORMAT_UTF8');
    assert.equal(err.details.offset, 6);
  });

  it('rejects top-level values that are not objects, as ASA does', () => {
    assert.equal(errorOf(() => decode('5')).code, 'SLUICE_FORMAT_JSON_NOT_OBJECT');
    assert.equal(errorOf(() => decode('"x"')).code, 'SLUICE_FORMAT_JSON_NOT_OBJECT');
    assert.equal(errorOf(() => decode('[{"a":1},2]')).code, 'SLUICE_FORMAT_JSON_NOT_OBJECT');
    assert.equal(errorOf(() => decode('{"a":1}\n[3]')).code, 'SLUICE_FORMAT_JSON_NOT_OBJECT');
  });

  it('reports syntax errors by line and column without quoting the payload, appending nothing', () => {
    const out: AsaRecord[] = [];
    const d = createDeserializer({ type: 'Json' });
    let err = errorOf(() => d.decode(enc.encode('{"password": secret}'), out));
    assert.equal(err.code, 'SLUICE_FORMAT_JSON_SYNTAX');
    assert.deepEqual([err.details.line, err.details.column], [1, 14]);
    assert.doesNotMatch(err.message, /secret|password/);
    err = errorOf(() => d.decode(enc.encode('{"a":1}\n{"b":2,}\n'), out));
    assert.deepEqual([err.details.line, err.details.column], [2, 8]);
    err = errorOf(() => d.decode(enc.encode('{"a":1}\n{"b":'), out));
    assert.equal(err.code, 'SLUICE_FORMAT_JSON_SYNTAX');
    assert.equal(err.details.line, 2);
    assert.equal(out.length, 0);
  });
});

describe('JSON output', () => {
  const rows: AsaRecord[] = [
    { i: 3, f: 1.5, big: 9007199254740993n, whole: 1e21, tiny: 1.5e-5, dt: AsaDateTime.fromParts(2023, 1, 1, 0, 0, 10), b: true, n: null, s: 'a"\n', r: { x: [1, 'y', null] } },
    { e: [] },
  ];

  it('formats each type as ASA writes it', () => {
    assert.equal(formatJsonValue(rows[0] ?? null),
      '{"i":3,"f":1.5,"big":9007199254740993,"whole":1E+21,"tiny":1.5E-05,"dt":"2023-01-01T00:00:10.0000000Z","b":true,"n":null,"s":"a\\"\\n","r":{"x":[1,"y",null]}}');
    assert.equal(formatJsonValue(NaN), '"NaN"');
  });

  it('prints the same through the native fast path as through the ASA formatter', () => {
    const scalars = [0, -0, 1, -7, 2 ** 53 - 1, 0.1, 1 / 3, 1e-4, 9.99e-5, 123456.789, 1e15 - 0.5, 1e15 + 0.5, 1e21, 5e-324, -1.5e300,
      'plain', 'é\u2028"\\\u0001', true, false, null, AsaDateTime.fromEpochTicks(16725312101234567n)];
    for (const v of scalars) {
      assert.equal(formatJsonValue({ x: v }), `{"x":${formatJsonValue(v)}}`, String(v));
      assert.equal(formatJsonValue([v, { y: [v] }]), `[${formatJsonValue(v)},{"y":[${formatJsonValue(v)}]}]`, String(v));
    }
  });

  it('writes line-separated and array documents that read back', () => {
    const lines = createSerializer({ type: 'Json' }).encode(rows);
    assert.equal(dec.decode(lines).split('\n').length, 2);
    const array = createSerializer({ type: 'Json', format: 'Array' }).encode(rows);
    assert.ok(dec.decode(array).startsWith('[{'));
    for (const bytes of [lines, array]) {
      const back = decode(bytes);
      assert.equal(back[0]?.big, 9007199254740993n);
      assert.equal(back[0]?.dt, '2023-01-01T00:00:10.0000000Z');
      assert.deepEqual(back[0]?.r, { x: [1, 'y', null] });
      assert.deepEqual(back[1], { e: [] });
    }
    assert.equal(dec.decode(createSerializer({ type: 'Json' }).encodeRow({ a: 1 })), '{"a":1}');
  });
});
