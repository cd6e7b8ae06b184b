// Runs conformance cases through the real command line — `sluice run <project> --local` — and compares each
// output with the documented one. A case folder is given as an argument, so any set of cases can be run:
//   node test/conformance/run-conformance.ts test/conformance/cases/part1
// and conformance.test.ts runs it inside `npm test`.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareRows, describeMismatch } from '../../src/app/compare-rows.ts';
import { readJsonRows } from '../../src/app/read-json-rows.ts';
import type { ConformanceCase } from './case-loader.ts';
import { writeCaseProject } from './case-project.ts';

const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));

/**
 * Columns the engine adds to every event that the docs' tables leave out (they show the payload only);
 * ASA's own test tool is usually told to ignore them the same way (IgnoreFields).
 */
const ENGINE_COLUMNS = ['EventProcessedUtcTime', 'PartitionId'];

export interface CaseOutcome {
  ok: boolean;
  /** Why it failed: a readable diff, or the unexpected error. */
  detail: string;
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

function compareOrdered(expected: readonly unknown[], actual: readonly unknown[], ignore: readonly string[]): boolean {
  if (expected.length !== actual.length) return false;
  return expected.every((row, i) => compareRows([row], [actual[i]], ignore).equal);
}

export async function runCase(c: ConformanceCase): Promise<CaseOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-conformance-'));
  try {
    await writeCaseProject(c, dir);
    const out = join(dir, 'out');
    const result = await run(['run', dir, '--local', '--output-dir', out]);
    const expectError = c.spec.expectError;
    if (expectError) {
      if (result.code === 0) return { ok: false, detail: `expected an error ${expectError.code}, but the query ran` };
      const problems: string[] = [];
      const codeMatch = /\[(SLUICE_[A-Z_]+)\]/.exec(result.stderr)?.[1] ?? '';
      if (!codeMatch.startsWith(expectError.code)) problems.push(`code ${codeMatch || '(none)'} does not start with ${expectError.code}`);
      if (!result.stderr.toLowerCase().includes(expectError.messageIncludes.toLowerCase())) problems.push(`message lacks "${expectError.messageIncludes}"`);
      if (expectError.line !== undefined) {
        const at = /query\.asaql:(\d+):(\d+)/.exec(result.stderr);
        if (!at || Number(at[1]) !== expectError.line || (expectError.column !== undefined && Number(at[2]) !== expectError.column)) {
          problems.push(`position ${at ? `${at[1]}:${at[2]}` : '(none)'} is not ${expectError.line}:${expectError.column ?? '*'}`);
        }
      }
      return problems.length ? { ok: false, detail: `${problems.join('; ')}\n${result.stderr}` } : { ok: true, detail: '' };
    }
    if (result.code !== 0) return { ok: false, detail: `the query failed (exit ${result.code}):\n${result.stderr}` };
    const diffs: string[] = [];
    for (const expected of c.expected) {
      const file = join(out, `${expected.alias}.json`);
      const actual = existsSync(file) ? await readJsonRows(file) : [];
      // The arrival time is the run's clock unless the case gives it; compare it only when the doc shows it.
      const ignore = expected.rows.some((r) => 'EventEnqueuedUtcTime' in r) ? ENGINE_COLUMNS : [...ENGINE_COLUMNS, 'EventEnqueuedUtcTime'];
      const equal = c.spec.ordered ? compareOrdered(expected.rows, actual, ignore) : compareRows(expected.rows, actual, ignore).equal;
      if (!equal) diffs.push(describeMismatch(expected.alias, compareRows(expected.rows, actual, ignore)) + (c.spec.ordered ? '\n  (rows must also be in order)' : ''));
    }
    return diffs.length ? { ok: false, detail: diffs.join('\n') } : { ok: true, detail: '' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { loadCases } = await import('./case-loader.ts');
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: node test/conformance/run-conformance.ts <cases folder>');
    process.exit(2);
  }
  let failed = 0;
  const cases = loadCases(folder);
  for (const c of cases) {
    const outcome = await runCase(c);
    if (!outcome.ok) failed++;
    console.log(`${outcome.ok ? '✔' : '✖'} ${c.id}${outcome.ok ? '' : `\n${outcome.detail.replace(/^/gm, '    ')}`}`);
  }
  console.log(`${cases.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
