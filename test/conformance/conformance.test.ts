// The conformance cases (ASA's documented examples), each run through `sluice run --local` on a
// generated ASA project: every stateless case of cases/part1, and the part2 cases the engine supports
// so far — windows, aggregates and the time policies — listed by id in PART2_PASSING (every listed
// case must pass). The rest of cases/part2 (joins, LAG/LAST/ISFIRST, MATCH_RECOGNIZE, reference data,
// TIMESTAMP BY … OVER) is validated by cases.test.ts and joins this list as the engine grows.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { loadCases } from './case-loader.ts';
import { runCase } from './run-conformance.ts';

const cases = loadCases(fileURLToPath(new URL('./cases/part1', import.meta.url)));

/** Part 2 cases that pass: windows, aggregates, HAVING, snapshot and session windows, time policies. */
const PART2_PASSING = [
  '001-multiple-outputs-archive-and-alert',
  '002-with-step-shared-by-two-outputs',
  '003-tumbling-count-per-make',
  '004-sum-of-cast-weight',
  '005-count-distinct-tumbling',
  '013-dedupe-snapshot-then-tumbling',
  '014-session-window-per-user',
  '015-case-with-count-tumbling',
  '029-collect-projection',
  '030-late-and-out-of-order-adjust',
  '033-session-window-create-table',
  '034-session-window-timeout-splits',
  '035-tumbling-end-inclusive',
  '036-tumbling-empty-windows-no-output',
  '038-plan-window-in-expression',
  '039-plan-two-windows-in-group-by',
  '044-plan-tumbling-window-over-seven-days',
  '045-convert-types-older-revision',
  '046-multiple-outputs-older-revision',
  '047-count-distinct-older-revision',
  '053-cross-apply-then-sum-tumbling',
  '054-toll-tumbling-count-per-booth',
];

const part2 = loadCases(fileURLToPath(new URL('./cases/part2', import.meta.url)));

describe('conformance, part 1 (stateless): sluice run --local matches ASA\'s documented results', { concurrency: 3 }, () => {
  for (const c of cases) {
    it(`${c.id}: ${c.spec.name} (${c.spec.source})`, async () => {
      const outcome = await runCase(c);
      assert.ok(outcome.ok, outcome.detail);
    });
  }
});

describe('conformance, part 2 (windows, aggregates, time policies): sluice run --local matches ASA\'s documented results', { concurrency: 3 }, () => {
  it('every listed part 2 case exists', () => {
    const ids = new Set(part2.map((c) => c.id.split('/').pop()));
    assert.deepEqual(PART2_PASSING.filter((id) => !ids.has(id)), []);
  });
  for (const c of part2) {
    if (!PART2_PASSING.includes(c.id.split('/').pop() ?? '')) continue;
    it(`${c.id}: ${c.spec.name} (${c.spec.source})`, async () => {
      const outcome = await runCase(c);
      assert.ok(outcome.ok, outcome.detail);
    });
  }
});
