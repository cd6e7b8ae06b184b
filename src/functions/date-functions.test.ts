import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDateTime, type AsaDateTime } from '../types/index.ts';
import { bindScalarFunction, callScalar as call } from './index.ts';

const t = (text: string): AsaDateTime => {
  const d = parseDateTime(text);
  assert.ok(d, text);
  return d;
};
const str = (v: unknown): string => String(v);

describe('DATEADD (dateadd-azure-stream-analytics)', () => {
  it('DATEADD(hour, 2, EntryTime) returns a datetime', () => {
    assert.equal(str(call('DATEADD', ['hour', 2, t('2014-09-10T12:00:00Z')])), '2014-09-10T14:00:00.0000000Z');
    assert.equal(bindScalarFunction('DATEADD', { argTypes: ['nvarchar(max)', 'bigint', 'datetime'], datePart: 'hh' }).returnType, 'datetime');
  });

  it("the TIMESTAMP BY idiom DATEADD(millisecond, epoch, '1970-01-01T00:00:00Z')", () => {
    assert.equal(str(call('DATEADD', ['millisecond', 1700000000123, '1970-01-01T00:00:00Z'])), '2023-11-14T22:13:20.1230000Z');
  });

  it('truncates a fractional number ("truncated and not rounded")', () => {
    assert.equal(str(call('DATEADD', ['day', 1.9, '2020-01-01'])), '2020-01-02T00:00:00.0000000Z');
    assert.equal(str(call('DATEADD', ['day', -1.9, '2020-01-01'])), '2019-12-31T00:00:00.0000000Z');
  });

  it('clamps month arithmetic to the end of the month', () => {
    assert.equal(str(call('DATEADD', ['month', 1, '2021-01-31'])), '2021-02-28T00:00:00.0000000Z');
    assert.equal(str(call('DATEADD', ['yy', 1, '2020-02-29'])), '2021-02-28T00:00:00.0000000Z');
    assert.equal(str(call('DATEADD', ['quarter', -1, '2020-05-31T10:00:00Z'])), '2020-02-29T10:00:00.0000000Z');
  });

  it('adds every other part, down to microseconds', () => {
    const base = t('2020-01-01T00:00:00.1234567Z');
    const cases: Array<[string, number, string]> = [
      ['week', 1, '2020-01-08T00:00:00.1234567Z'],
      ['dw', 1, '2020-01-02T00:00:00.1234567Z'],
      ['dayofyear', 1, '2020-01-02T00:00:00.1234567Z'],
      ['mi', 90, '2020-01-01T01:30:00.1234567Z'],
      ['s', -1, '2019-12-31T23:59:59.1234567Z'],
      ['ms', 1, '2020-01-01T00:00:00.1244567Z'],
      ['mcs', 1, '2020-01-01T00:00:00.1234577Z'],
      ['mcs', -123457, '2019-12-31T23:59:59.9999997Z'],
    ];
    for (const [part, n, expected] of cases) assert.equal(str(call('DATEADD', [part, n, base])), expected, `${part} ${n}`);
  });

  it('fails past year 9999 and on an unparsable string; NULL gives NULL', () => {
    assert.throws(() => call('DATEADD', ['year', 1, '9999-06-01']), { code: 'SLUICE_TYPES_DATETIME_RANGE' });
    assert.throws(() => call('DATEADD', ['day', 1, 'yesterday']), { code: 'SLUICE_TYPES_CAST' });
    assert.equal(call('DATEADD', ['day', null, '2020-01-01']), null);
    assert.equal(call('DATEADD', ['day', 1, null]), null);
  });

  it('rejects unknown date parts at bind time', () => {
    assert.throws(() => bindScalarFunction('DATEADD', { argTypes: ['any', 'any', 'any'], datePart: 'fortnight' }), { code: 'SLUICE_FUNC_DATEPART' });
    assert.throws(() => bindScalarFunction('DATEADD', { argTypes: ['any', 'any', 'any'] }), { code: 'SLUICE_FUNC_DATEPART' });
  });
});

describe('DATEDIFF (datediff-azure-stream-analytics)', () => {
  it('DATEDIFF(minute, EntryTime, DATEADD(hour, 2, EntryTime)) = 120', () => {
    const entry = t('2014-09-10T11:17:23Z');
    assert.equal(call('DATEDIFF', ['minute', entry, call('DATEADD', ['hour', 2, entry])]), 120);
  });

  it("compares with CAST('2014-09-10 12:00:00' AS datetime) and accepts the string directly", () => {
    assert.equal(call('DATEDIFF', ['minute', '2014-09-10T11:30:00Z', '2014-09-10 12:00:00']), 30);
  });

  it('counts boundaries crossed, signed', () => {
    const cases: Array<[string, string, string, number]> = [
      ['year', '2020-12-31T23:59:59Z', '2021-01-01T00:00:00Z', 1],
      ['quarter', '2020-03-31', '2020-04-01', 1],
      ['month', '2020-01-31', '2020-03-01', 2],
      ['day', '2020-01-01T23:59:59Z', '2020-01-02T00:00:00Z', 1],
      ['week', '2023-01-07', '2023-01-08', 1], // Saturday → Sunday
      ['week', '2023-01-08', '2023-01-14', 0], // Sunday → Saturday
      ['hour', '2020-01-01T10:59:59Z', '2020-01-01T11:00:00Z', 1],
      ['second', '2020-01-01T00:00:01.9Z', '2020-01-01T00:00:00Z', -1],
      ['millisecond', '2020-01-01T00:00:00.0009999Z', '2020-01-01T00:00:00.001Z', 1],
      ['microsecond', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00.0000019Z', 1],
    ];
    for (const [part, a, b, expected] of cases) assert.equal(call('DATEDIFF', [part, a, b]), expected, `${part} ${a} ${b}`);
  });
});

describe('DATEPART / DATENAME / DAY / MONTH / YEAR', () => {
  const d = t('2023-03-15T13:45:30.1234567Z'); // a Wednesday
  it('returns each part as bigint', () => {
    const cases: Array<[string, number]> = [
      ['year', 2023], ['quarter', 1], ['month', 3], ['dayofyear', 74], ['day', 15], ['week', 11],
      ['weekday', 4], ['hour', 13], ['minute', 45], ['second', 30], ['millisecond', 123], ['microsecond', 123456],
    ];
    for (const [part, expected] of cases) assert.equal(call('DATEPART', [part, d]), expected, part);
  });

  it('numbers weeks from the one holding 1 January, Sunday-started', () => {
    assert.equal(call('DATEPART', ['wk', '2023-01-01']), 1); // a Sunday
    assert.equal(call('DATEPART', ['wk', '2022-01-01']), 1); // a Saturday
    assert.equal(call('DATEPART', ['wk', '2022-01-02']), 2);
    assert.equal(call('DATEPART', ['dw', '2023-01-01']), 1);
  });

  it('DATENAME gives month and weekday names, digits for the rest', () => {
    assert.equal(call('DATENAME', ['month', d]), 'March');
    assert.equal(call('DATENAME', ['weekday', d]), 'Wednesday');
    assert.equal(call('DATENAME', ['year', d]), '2023');
    assert.equal(bindScalarFunction('DATENAME', { argTypes: ['any', 'datetime'], datePart: 'mm' }).returnType, 'nvarchar(max)');
  });

  it('DAY, MONTH and YEAR', () => {
    assert.equal(call('DAY', [d]), 15);
    assert.equal(call('MONTH', ['2023-03-15']), 3);
    assert.equal(call('YEAR', [d]), 2023);
    assert.equal(call('YEAR', [null]), null);
  });
});

describe('DATETIMEFROMPARTS (datetimefromparts-azure-stream-analytics)', () => {
  it('DATETIMEFROMPARTS(2014, 9, 10, 12, DATEPART(minute, EntryTime) + 10, 00, 00)', () => {
    const minute = call('DATEPART', ['minute', '2014-09-10T08:05:00Z']) as number;
    assert.equal(str(call('DATETIMEFROMPARTS', [2014, 9, 10, 12, minute + 10, 0, 0])), '2014-09-10T12:15:00.0000000Z');
  });

  it('gives NULL for a NULL part and fails on an impossible one', () => {
    assert.equal(call('DATETIMEFROMPARTS', [2014, 9, 10, 12, null, 0, 0]), null);
    assert.throws(() => call('DATETIMEFROMPARTS', [2014, 2, 30, 0, 0, 0, 0]), { code: 'SLUICE_TYPES_DATETIME_RANGE' });
  });
});
