// Validator for the conformance cases: every case folder is well formed, cites a Microsoft doc page, and its
// query parses with sluice's parser (or fails with the expected syntax error). It does not run the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScript } from '../../src/sql/index.ts';
import { isSluiceError } from '../../src/common/index.ts';
import { loadCases, type ConformanceCase } from './case-loader.ts';

const CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const MIN_PART1 = 60;
const MIN_PART2 = 50;

/**
 * Valid ASA queries (copied from the docs) that sluice's parser rejects today. Each is a parser bug for the
 * lead; listing it keeps the suite green while the gap stays visible. Remove an entry once it parses.
 */
export const KNOWN_PARSER_GAPS: readonly string[] = [];

const SOURCE_PATTERN = /^https:\/\/(learn\.microsoft\.com\/|github\.com\/MicrosoftDocs\/azure-)/i;

const cases: ConformanceCase[] = loadCases(CASES_DIR);

function parseError(c: ConformanceCase): unknown {
  try {
    parseScript(c.query, { file: c.queryPath });
    return undefined;
  } catch (error) {
    return error;
  }
}

test('conformance cases: enough of each part', () => {
  const part1 = cases.filter((c) => c.part === 'part1').length;
  const part2 = cases.filter((c) => c.part === 'part2').length;
  assert.ok(part1 >= MIN_PART1, `part1 has ${part1} cases, want at least ${MIN_PART1}`);
  assert.ok(part2 >= MIN_PART2, `part2 has ${part2} cases, want at least ${MIN_PART2}`);
  assert.deepEqual(cases.filter((c) => c.part !== 'part1' && c.part !== 'part2').map((c) => c.id), []);
});

test('conformance cases: folder names are unique NNN-kebab-slug per part', () => {
  const seen = new Set<string>();
  for (const c of cases) {
    const folder = c.id.split('/').slice(1).join('/');
    assert.match(folder, /^\d{3}-[a-z0-9]+(-[a-z0-9]+)*$/, `${c.id}: folder name`);
    const key = `${c.part}/${folder.slice(0, 3)}`;
    assert.ok(!seen.has(key), `${c.id}: number ${folder.slice(0, 3)} used twice in ${c.part}`);
    seen.add(key);
  }
});

test('KNOWN_PARSER_GAPS names existing cases', () => {
  const ids = new Set(cases.map((c) => c.id));
  for (const id of KNOWN_PARSER_GAPS) assert.ok(ids.has(id), `KNOWN_PARSER_GAPS lists unknown case ${id}`);
});

for (const c of cases) {
  test(`conformance case ${c.id}`, () => {
    assert.match(c.spec.source, SOURCE_PATTERN, 'source must be a learn.microsoft.com or MicrosoftDocs GitHub URL');
    for (const input of c.inputs) {
      if (!input.reference && c.spec.expectError === undefined) assert.ok(input.rows.length > 0, `inputs/${input.alias}.json is empty`);
    }
    const error = parseError(c);
    const expectError = c.spec.expectError;
    if (expectError?.code === 'SLUICE_SQL_SYNTAX') {
      assert.ok(error !== undefined, 'the query parsed, but the case expects SLUICE_SQL_SYNTAX');
      assert.ok(isSluiceError(error), `expected a SluiceError, got ${String(error)}`);
      assert.equal(error.code, 'SLUICE_SQL_SYNTAX');
      assert.ok(error.message.includes(expectError.messageIncludes), `message "${error.message}" lacks "${expectError.messageIncludes}"`);
      if (expectError.line !== undefined) assert.equal(error.span?.start.line, expectError.line, 'error line');
      if (expectError.column !== undefined) assert.equal(error.span?.start.column, expectError.column, 'error column');
      return;
    }
    if (KNOWN_PARSER_GAPS.includes(c.id)) {
      assert.ok(error !== undefined, `${c.id} parses now: remove it from KNOWN_PARSER_GAPS`);
      return;
    }
    if (error !== undefined) {
      const text = isSluiceError(error) ? error.format() : String(error);
      assert.fail(`query does not parse:\n${text}`);
    }
  });
}
