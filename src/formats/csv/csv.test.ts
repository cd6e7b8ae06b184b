import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSluiceError } from '../../common/index.ts';
import { AsaDateTime, type AsaRecord } from '../../types/index.ts';
import { createDeserializer, createSerializer } from '../index.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

function decode(text: string, fieldDelimiter = ','): AsaRecord[] {
  const out: AsaRecord[] = [];
  createDeserializer({ type: 'Csv', fieldDelimiter }).decode(enc.encode(text), out);
  return out;
}

function errorOf(fn: () => unknown): { code: string; message: string; details: Readonly<Record<string, unknown>> } {
  try {
    fn();
  } catch (err) {
    assert.ok(isSluiceError(err), `expected a SluiceError, got ${String(err)}`);
    return { code: err.code, message: err.message, details: err.details };
  }
  assert.fail('expected an error');
}

describe('CSV input', () => {
  it('reads a header row, then one event per row, every value a string (ASA converts only on CAST)', () => {
    assert.deepEqual(decode('id,temp,name\r\n1,21.5,a\r\n2,,"b, ""quoted"""\r\n'), [
      { id: '1', temp: '21.5', name: 'a' },
      { id: '2', temp: '', name: 'b, "quoted"' },
    ]);
  });

  it('uses each delimiter ASA allows', () => {
    for (const d of [',', ';', ' ', '\t', '|']) assert.deepEqual(decode(`a${d}b\n1${d}2\n`, d), [{ a: '1', b: '2' }]);
    assert.equal(errorOf(() => createDeserializer({ type: 'Csv', fieldDelimiter: ':' })).code, 'SLUICE_FORMAT_SPEC');
  });

  it('handles a BOM, quoted line breaks, blank lines and a header-only payload', () => {
    assert.deepEqual(decode('\uFEFFa,b\n"x\ny",2\n\n'), [{ a: 'x\ny', b: '2' }]);
    assert.deepEqual(decode('a,b\n'), []);
    assert.deepEqual(decode(''), []);
  });

  it('rejects a row with the wrong column count, naming the line, appending nothing', () => {
    const out: AsaRecord[] = [];
    const err = errorOf(() => createDeserializer({ type: 'Csv' }).decode(enc.encode('a,b\n1,2\n3\n'), out));
    assert.equal(err.code, 'SLUICE_FORMAT_CSV_SYNTAX');
    assert.equal(err.details.line, 3);
    assert.equal(out.length, 0);
  });

  it('rejects unclosed quotes, duplicate header names and bad UTF-8 without quoting data', () => {
    const q = errorOf(() => decode('a,b\n"secret,2\n'));
    assert.equal(q.code, 'SLUICE_FORMAT_CSV_SYNTAX');
    assert.doesNotMatch(q.message, /secret/);
    assert.equal(errorOf(() => decode('a,a\n1,2\n')).code, 'SLUICE_FORMAT_CSV_HEADER');
    assert.equal(errorOf(() => createDeserializer({ type: 'Csv' }).decode(new Uint8Array([0x61, 0x0a, 0xff]), [])).code, 'SLUICE_FORMAT_UTF8');
  });
});

describe('CSV output', () => {
  it('writes a header and ASA-formatted values, quoting only when needed', () => {
    const rows: AsaRecord[] = [
      { id: 1, f: 1.5e-5, dt: AsaDateTime.fromParts(2023, 1, 1), ok: true, s: 'a,b', r: { x: 1 }, arr: [1] },
      { id: 2n ** 60n, f: 2.5, dt: null, ok: false, s: 'say "hi"', extra: 'e' },
    ];
    const text = dec.decode(createSerializer({ type: 'Csv' }).encode(rows));
    assert.equal(text, [
      'id,f,dt,ok,s,r,arr,extra',
      '1,1.5E-05,2023-01-01T00:00:00.0000000Z,true,"a,b",Record,Array,',
      '1152921504606846976,2.5,,false,"say ""hi""",,,e',
      '',
    ].join('\r\n'));
    const back = decode(text);
    assert.equal(back[1]?.s, 'say "hi"');
    assert.equal(back[0]?.s, 'a,b');
  });

  it('uses the configured delimiter', () => {
    assert.equal(dec.decode(createSerializer({ type: 'Csv', fieldDelimiter: ';' }).encodeRow({ a: 1, b: 'x;y' })), 'a;b\r\n1;"x;y"\r\n');
  });
});
