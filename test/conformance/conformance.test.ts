// The stateless conformance cases (ASA's documented examples, see cases/part1), each run through
// `sluice run --local` on a generated ASA project. The event-time cases in cases/part2 are validated by
// cases.test.ts and run here once the engine supports windows, joins and analytic functions.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { loadCases } from './case-loader.ts';
import { runCase } from './run-conformance.ts';

const cases = loadCases(fileURLToPath(new URL('./cases/part1', import.meta.url)));

describe('conformance, part 1 (stateless): sluice run --local matches ASA\'s documented results', { concurrency: 3 }, () => {
  for (const c of cases) {
    it(`${c.id}: ${c.spec.name} (${c.spec.source})`, async () => {
      const outcome = await runCase(c);
      assert.ok(outcome.ok, outcome.detail);
    });
  }
});
