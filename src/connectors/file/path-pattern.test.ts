// Path pattern expansion as ASA's Blob output documents it: {date}/{time} in each format, {datetime:…}
// specifiers, one case-insensitive {column}, and the patterns and values refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSluiceError } from '../../common/index.ts';
import { PathPattern, type FileDateFormat, type FileTimeFormat } from './path-pattern.ts';

// The custom path patterns article's example time: 2018-01-02T10:06:08Z.
const T = Date.UTC(2018, 0, 2, 10, 6, 8);

describe('PathPattern', () => {
  it('expands {date} in every DateFormat and {time} in every TimeFormat', () => {
    const dates: Array<[FileDateFormat, string]> = [
      ['yyyy/MM/dd', '2018/01/02'], ['yyyy-MM-dd', '2018-01-02'], ['MM/dd/yyyy', '01/02/2018'],
      ['dd/MM/yyyy', '02/01/2018'], ['MM-dd-yyyy', '01-02-2018'], ['dd-MM-yyyy', '02-01-2018'],
    ];
    for (const [dateFormat, expected] of dates) assert.equal(new PathPattern('logs/{date}', { dateFormat }).expand(T, ''), `logs/${expected}`);
    const times: Array<[FileTimeFormat, string]> = [['HH', '10'], ['HH/mm', '10/06'], ['HH-mm', '10-06']];
    for (const [timeFormat, expected] of times) assert.equal(new PathPattern('{time}', { timeFormat }).expand(T, ''), expected);
    assert.equal(new PathPattern('cluster1/logs/{date}/{time}').expand(T, ''), 'cluster1/logs/2018/01/02/10', 'defaults yyyy/MM/dd and HH');
  });

  it('expands each {datetime:<specifier>} as the article\'s table shows', () => {
    const p = new PathPattern('{datetime:yyyy}|{datetime:MM}|{datetime:M}|{datetime:dd}|{datetime:d}|{datetime:HH}|{datetime:H}|{datetime:mm}|{datetime:m}|{datetime:ss}|{datetime:s}');
    assert.equal(p.expand(T, ''), '2018|01|1|02|2|10|10|06|6|08|8');
    assert.equal(new PathPattern('year={datetime:yyyy}/month={datetime:MM}/day={datetime:dd}').expand(T, ''), 'year=2018/month=01/day=02');
    assert.equal(new PathPattern('{datetime:H}').expand(Date.UTC(2018, 0, 2, 3), ''), '3');
  });

  it('takes one custom field, matched case-insensitively, and formats its value', () => {
    const p = new PathPattern('cluster1/{Client_Id}/{date}');
    assert.equal(p.column, 'Client_Id');
    assert.deepEqual(p.columnValue({ client_id: 'c-1' }), { value: 'c-1' });
    assert.deepEqual(p.columnValue({ CLIENT_ID: 42 }), { value: '42' });
    assert.deepEqual(p.columnValue({ client_id: 2.5 }), { value: '2.5' });
    assert.deepEqual(p.columnValue({ client_id: true }), { value: 'true' });
    assert.deepEqual(p.columnValue({ client_id: 'a/b' }), { value: 'a/b' }, 'a "/" in a value builds a hierarchy');
    assert.equal(p.expand(T, 'c-1'), 'cluster1/c-1/2018/01/02');
    assert.ok('reason' in p.columnValue({ client_id: { nested: 1 } }));
    assert.ok('reason' in p.columnValue({ client_id: [1] }));
    assert.ok('reason' in p.columnValue({ client_id: '../x' }));
    assert.ok('reason' in p.columnValue({ client_id: '/abs' }));
  });

  it('expands {partition} (any case) to the input partition, 0 for a row of no single partition', () => {
    const p = new PathPattern('out/{Partition}/{date}');
    assert.equal(p.column, undefined, '{partition} is not a column token');
    assert.equal(p.perRow, true);
    assert.equal(p.expand(T, '', 7), 'out/7/2018/01/02');
    assert.equal(p.expand(T, '', -1), 'out/0/2018/01/02');
    assert.equal(new PathPattern('{partition}/{deviceId}').expand(T, 'd1', 2), '2/d1');
    assert.equal(new PathPattern('{deviceId}').perRow, false, 'a column alone does not depend on time or partition');
  });

  it('refuses what ASA refuses: combined specifiers, two custom fields, odd names, ".."', () => {
    const refused = ['logs/{datetime:MM/dd}', '{datetime:yy}', '{a}/{b}', '{data.field}', '../up/{date}'];
    for (const pattern of refused) {
      assert.throws(() => new PathPattern(pattern), (err: unknown) => isSluiceError(err) && err.code === 'SLUICE_FILE_PATH_PATTERN', pattern);
    }
    assert.doesNotThrow(() => new PathPattern('{id}/{ID}/{datetime:ss}'), 'the same field twice is one field');
  });
});
