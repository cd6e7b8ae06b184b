import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsaDateTime, civilFromDays, daysFromCivil, formatDateTime, parseDateTime } from './index.ts';

function iso(text: string): string | undefined {
  return parseDateTime(text)?.toString();
}

describe('parseDateTime', () => {
  it('reads a zone-less timestamp as UTC (input-validation article: 2021-12-10T10:00:00 → …0000000Z)', () => {
    assert.equal(iso('2021-12-10T10:00:00'), '2021-12-10T10:00:00.0000000Z');
  });

  it('accepts a space separator (DATEDIFF page: 2014-09-10 12:00:00)', () => {
    assert.equal(iso('2014-09-10 12:00:00'), '2014-09-10T12:00:00.0000000Z');
  });

  it('accepts Z and the Unix epoch literal used with TIMESTAMP BY', () => {
    assert.equal(iso('1970-01-01T00:00:00Z'), '1970-01-01T00:00:00.0000000Z');
    assert.equal(parseDateTime('1970-01-01T00:00:00Z')?.epochMs, 0);
  });

  it('keeps seven fractional digits (Data Types page: 100 ns precision)', () => {
    assert.equal(iso('2023-01-01T00:00:10.1234567Z'), '2023-01-01T00:00:10.1234567Z');
    assert.equal(iso('2023-01-01T00:00:10.5Z'), '2023-01-01T00:00:10.5000000Z');
    const dt = parseDateTime('2023-01-01T00:00:10.1234567Z');
    assert.equal(dt?.subMsTicks, 4567);
  });

  it('rounds digits past the seventh', () => {
    assert.equal(iso('2023-01-01T00:00:00.12345678Z'), '2023-01-01T00:00:00.1234568Z');
    assert.equal(iso('2023-01-01T23:59:59.99999999Z'), '2023-01-02T00:00:00.0000000Z');
  });

  it('converts offsets to UTC (Time management: all times are UTC)', () => {
    assert.equal(iso('2023-01-01T02:00:00+02:00'), '2023-01-01T00:00:00.0000000Z');
    assert.equal(iso('2023-01-01T00:00:00-0130'), '2023-01-01T01:30:00.0000000Z');
    assert.equal(iso('2023-01-01T00:00:00+05'), '2022-12-31T19:00:00.0000000Z');
    assert.equal(iso('2023-01-01T00:00:00.5-01:00'), '2023-01-01T01:00:00.5000000Z');
  });

  it('accepts a date alone, minutes without seconds, slashes and surrounding blanks', () => {
    assert.equal(iso('2023-03-04'), '2023-03-04T00:00:00.0000000Z');
    assert.equal(iso('2023-03-04T05:06'), '2023-03-04T05:06:00.0000000Z');
    assert.equal(iso('2023/03/04 05:06:07'), '2023-03-04T05:06:07.0000000Z');
    assert.equal(iso('  2023-03-04T05:06:07z '), '2023-03-04T05:06:07.0000000Z');
  });

  it('rejects impossible dates and other text', () => {
    for (const bad of ['2023-02-29', '2023-13-01', '2023-01-01T24:00:00', '2023-01-01T10:60', 'this is a string', '', '2023-1-1', '0000-01-01', '2023-01-01T10:00:00Q', '2023-01-01T']) {
      assert.equal(parseDateTime(bad), undefined, bad);
    }
    assert.equal(iso('2024-02-29'), '2024-02-29T00:00:00.0000000Z');
  });

  it('covers the whole .NET range, years 0001 to 9999', () => {
    assert.equal(iso('0001-01-01T00:00:00Z'), '0001-01-01T00:00:00.0000000Z');
    assert.equal(iso('9999-12-31T23:59:59.9999999Z'), '9999-12-31T23:59:59.9999999Z');
    assert.equal(parseDateTime('0001-01-01T00:00:00+01:00'), undefined);
  });
});

describe('AsaDateTime', () => {
  it('round-trips epoch ticks exactly', () => {
    const dt = parseDateTime('1969-12-31T23:59:59.9999999Z');
    assert.ok(dt);
    assert.equal(dt.toEpochTicks(), -1n);
    assert.equal(AsaDateTime.fromEpochTicks(-1n).toString(), '1969-12-31T23:59:59.9999999Z');
  });

  it('builds from parts and rejects impossible ones', () => {
    assert.equal(AsaDateTime.fromParts(2014, 9, 10, 12, 30, 0, 5).toString(), '2014-09-10T12:30:00.0050000Z');
    assert.throws(() => AsaDateTime.fromParts(2014, 2, 30), { code: 'SLUICE_TYPES_DATETIME_RANGE' });
  });

  it('breaks into parts, compares and serialises to JSON as text', () => {
    const a = AsaDateTime.fromParts(2020, 2, 29, 23, 59, 58, 999, 1);
    assert.deepEqual(a.parts(), { year: 2020, month: 2, day: 29, hour: 23, minute: 59, second: 58, millisecond: 999, subMsTicks: 1 });
    const b = AsaDateTime.fromEpochMs(a.epochMs);
    assert.ok(a.compareTo(b) > 0 && b.compareTo(a) < 0 && !a.equals(b));
    assert.equal(JSON.stringify({ t: b }), '{"t":"2020-02-29T23:59:58.9990000Z"}');
  });

  it('converts from Date and keeps sub-millisecond fractions of epoch ms', () => {
    assert.equal(AsaDateTime.fromDate(new Date(Date.UTC(2000, 0, 1))).toString(), '2000-01-01T00:00:00.0000000Z');
    assert.equal(AsaDateTime.fromEpochMs(1.5).toString(), '1970-01-01T00:00:00.0015000Z');
  });

  it('uses exact civil-date arithmetic far from 1970 (years below 100 included)', () => {
    for (const [y, m, d] of [[1, 1, 1], [99, 12, 31], [1600, 2, 29], [1970, 1, 1], [9999, 12, 31]] as const) {
      assert.deepEqual(civilFromDays(daysFromCivil(y, m, d)), { year: y, month: m, day: d });
    }
    assert.equal(formatDateTime(AsaDateTime.fromParts(99, 12, 31)), '0099-12-31T00:00:00.0000000Z');
  });
});
