import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareRows, describeMismatch } from './compare-rows.ts';
import { parseJsonRows } from './read-json-rows.ts';
import { summarize, emptyCaseResult } from './test-summary.ts';

describe('parseJsonRows', () => {
  it('reads JSON lines and JSON arrays, tolerating a BOM and blank lines', () => {
    assert.deepEqual(parseJsonRows('\uFEFF{"a":1}\n\n{"a":2}\r\n', 'f'), [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(parseJsonRows('[{"a":1},{"a":2}]', 'f'), [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(parseJsonRows('  ', 'f'), []);
  });
  it('names the file and line of a bad row', () => {
    assert.throws(() => parseJsonRows('{"a":1}\n{"a":', 'out.json'), /out\.json:2: not a JSON object per line/);
  });
});

describe('compareRows', () => {
  it('matches rows as a multiset with keys in any order', () => {
    const r = compareRows([{ a: 1, b: 'x' }, { a: 1, b: 'x' }, { a: 2 }], [{ a: 2 }, { b: 'x', a: 1 }, { a: 1, b: 'x' }]);
    assert.equal(r.equal, true);
    assert.equal(r.matched, 3);
  });
  it('counts duplicates: one expected row does not match two actual ones', () => {
    const r = compareRows([{ a: 1 }], [{ a: 1 }, { a: 1 }]);
    assert.equal(r.equal, false);
    assert.deepEqual(r.unexpected, [{ a: 1 }]);
  });
  it('drops IgnoreFields (case-insensitively) at the top level only', () => {
    const r = compareRows([{ a: 1, EventProcessedUtcTime: 'x', rec: { EventProcessedUtcTime: 1 } }], [{ a: 1, eventprocessedutctime: 'y', rec: { EventProcessedUtcTime: 1 } }], ['EventProcessedUtcTime']);
    assert.equal(r.equal, true);
    assert.equal(compareRows([{ rec: { t: 1 } }], [{ rec: { t: 2 } }], ['t']).equal, false);
  });
  it('describes a mismatch readably', () => {
    const text = describeMismatch('out', compareRows([{ a: 1 }], [{ a: 2 }]));
    assert.match(text, /output 'out': 0 rows matched, 1 missing, 1 unexpected/);
    assert.match(text, /- expected, missing: \{"a":1\}/);
    assert.match(text, /\+ unexpected: +\{"a":2\}/);
  });
});

describe('summarize', () => {
  it('sets Status and the counts in the CI/CD tool shape', () => {
    const ok = emptyCaseResult('ok');
    const bad = emptyCaseResult('bad');
    bad.OutputNotEqual.push({ OutputAlias: 'o', ExpectedOutput: 'e.json', Output: 'o.json' });
    const s = summarize('q.asaql', [ok, bad], 1.5);
    assert.deepEqual([s.Total, s.Passed, s.Failed, s.Results.map((r) => r.Status)], [2, 1, 1, [0, 1]]);
  });
});
