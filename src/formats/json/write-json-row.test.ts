// writeJsonRow puts a row's JSON bytes straight into a buffer: they must be exactly formatJsonRow's text in
// UTF-8, for every kind of value (escapes, non-ASCII, long text, float columns, bigints, datetimes, nested
// values), and a buffer too small must be refused without a byte written past its limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsaDateTime, type AsaRecord } from '../../types/index.ts';
import { floatColumnsOf, formatJsonRow } from './format-json-row.ts';
import { writeJsonRow } from './write-json-row.ts';

const FLOATS = floatColumnsOf([{ name: 'f', type: 'float' }, { name: 'wholeF', type: 'float' }, { name: 'ünï', type: 'float' }]);

const ROWS: AsaRecord[] = [
  {},
  { deviceId: 'device-0042', events: 60, f: 27.466333333333335, windowEnd: new AsaDateTime(1_767_225_600_000) },
  { wholeF: 70, f: -0, i: -0, big: 2n ** 70n, unsafe: 2 ** 60, tiny: 1e-7, huge: 1e21, inf: Infinity, nan: Number.NaN, fInf: -Infinity },
  { s: 'quote " backslash \\ tab \t newline \n nul \u0000 del \u007f', u: 'héllo wörld €', e: '😀', lone: '\ud800x', empty: '' },
  { long: 'x'.repeat(200), longUnicode: 'é'.repeat(100), longEscaped: '"'.repeat(70) },
  { b: true, c: false, n: null, d: new AsaDateTime(-1, 5), nested: { a: [1, 2.5, 'x', null, { deep: new AsaDateTime(0) }], f: 3 }, arr: [1e-7, 2n, 'é'] },
  { 'key with "quotes"': 1, 'ключ': 'значение', ünï: 1.5, '': 0 },
];

function bytesOf(row: AsaRecord, size = 4096): Buffer {
  const out = Buffer.alloc(size, 0xee);
  const end = writeJsonRow(row, FLOATS, out, 3, size);
  assert.ok(end >= 0, 'fits');
  return out.subarray(3, end);
}

describe('writeJsonRow: formatJsonRow\'s text as bytes, written in place', () => {
  it('every kind of value, as formatJsonRow prints it', () => {
    for (const row of ROWS) assert.equal(bytesOf(row).toString('utf8'), formatJsonRow(row, FLOATS), JSON.stringify(Object.keys(row)));
  });

  it('without float columns too', () => {
    const none = new Set<string>();
    for (const row of ROWS) {
      const out = Buffer.alloc(4096);
      const end = writeJsonRow(row, none, out, 0, out.length);
      assert.equal(out.toString('utf8', 0, end), formatJsonRow(row, none));
    }
  });

  it('a buffer too small is refused (−1) and nothing is written past its limit', () => {
    for (const row of ROWS) {
      const whole = bytesOf(row);
      for (let limit = 0; limit < whole.length + 8; limit++) {
        const out = Buffer.alloc(limit + 400, 0xee);
        const end = writeJsonRow(row, FLOATS, out, 0, limit);
        assert.ok(out.subarray(limit).every((b) => b === 0xee), `limit ${limit}: nothing past it`);
        if (end >= 0) assert.deepEqual(out.subarray(0, end), whole, `limit ${limit}`);
        if (limit >= whole.length * 3 + 2) assert.ok(end >= 0, 'a buffer with room for the worst case takes it');
      }
    }
  });
});
