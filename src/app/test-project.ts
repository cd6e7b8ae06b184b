// `sluice test`: runs each case of a testConfig.json (the format of ASA's CI/CD tool) on its local input
// files, writes each actual output beside the summary, compares it with the expected output, and returns
// the testResultSummary.json content. A case whose query fails to compile or run is a failed case with
// its error, not a crash of the whole run.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isSluiceError } from '../common/index.ts';
import { loadTestConfig, type Project, type TestCase } from '../project/index.ts';
import { compareRows, describeMismatch } from './compare-rows.ts';
import { JsonLinesFileSink } from './json-lines-file-sink.ts';
import { readJsonRows } from './read-json-rows.ts';
import { runLocal } from './run-local.ts';
import { emptyCaseResult, summarize, type TestCaseResult, type TestResultSummary } from './test-summary.ts';

export interface TestProjectOptions {
  /** testConfig.json; default: the project's test/testConfig.json. */
  testConfigPath?: string;
  /** Folder for testResultSummary.json and the actual outputs (one subfolder per case). */
  outputPath: string;
  /** Progress and diffs, line by line. */
  log: (line: string) => void;
  now?: () => number;
}

function folderName(name: string, index: number): string {
  return `${String(index + 1).padStart(3, '0')}-${name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60)}`;
}

async function runCase(project: Project, testCase: TestCase, dir: string, options: TestProjectOptions): Promise<TestCaseResult> {
  const result = emptyCaseResult(testCase.name);
  const started = Date.now();
  const sinks = new Map<string, JsonLinesFileSink>();
  try {
    await runLocal(project, {
      outputDir: dir,
      inputs: testCase.inputs.map((i) => ({ alias: i.alias, kind: i.kind, format: i.format, filePath: i.filePath, filePathResolved: i.filePath })),
      onlyGivenInputs: true,
      sinkFor: (output) => {
        const sink = new JsonLinesFileSink(join(dir, `${output}.json`));
        sinks.set(output.toLowerCase(), sink);
        return sink;
      },
      ...(options.now ? { now: options.now } : {}),
    });
  } catch (err) {
    result.Error = isSluiceError(err) ? err.format() : String(err);
    options.log(`  ✖ ${testCase.name}: the job failed:\n${result.Error.replace(/^/gm, '    ')}`);
    result.Time = (Date.now() - started) / 1000;
    return result;
  }
  const expectedAliases = new Set(testCase.expectedOutputs.map((e) => e.alias.toLowerCase()));
  for (const expected of testCase.expectedOutputs) {
    const sink = sinks.get(expected.alias.toLowerCase());
    const entry = { OutputAlias: expected.alias, ExpectedOutput: expected.filePath, Output: sink && existsSync(sink.file) ? sink.file : '' };
    if (!expected.required) {
      result.OutputUnrequired.push(entry);
    } else if (!entry.Output) {
      result.OutputMissing.push(entry);
      options.log(`  ✖ ${testCase.name}: output '${expected.alias}' was not produced by the query`);
    } else {
      const comparison = compareRows(await readJsonRows(expected.filePath), await readJsonRows(entry.Output), expected.ignoreFields);
      if (comparison.equal) {
        result.OutputMatched.push(entry);
      } else {
        result.OutputNotEqual.push(entry);
        options.log(`  ✖ ${testCase.name}: ${describeMismatch(expected.alias, comparison).replace(/\n/g, '\n    ')}`);
      }
    }
  }
  for (const [alias, sink] of sinks) {
    if (!expectedAliases.has(alias) && sink.rowCount > 0) {
      result.OutputUnexpected.push({ OutputAlias: alias, ExpectedOutput: '', Output: sink.file });
      options.log(`  ✖ ${testCase.name}: output '${alias}' produced ${sink.rowCount} rows but the case expects none (add it to ExpectedOutputs, with Required false to skip the comparison)`);
    }
  }
  result.Time = (Date.now() - started) / 1000;
  return result;
}

export async function testProject(project: Project, options: TestProjectOptions): Promise<TestResultSummary> {
  const started = Date.now();
  const config = await loadTestConfig(options.testConfigPath ?? project.testConfigFile ?? join(project.rootDir, 'test', 'testConfig.json'), project);
  const results: TestCaseResult[] = [];
  for (const [index, testCase] of config.testCases.entries()) {
    const dir = join(options.outputPath, folderName(testCase.name, index));
    await mkdir(dir, { recursive: true });
    const result = await runCase(project, testCase, dir, options);
    results.push(result);
    if (!result.Error && result.OutputNotEqual.length + result.OutputMissing.length + result.OutputUnexpected.length === 0) {
      options.log(`  ✔ ${testCase.name}`);
    }
  }
  const summary = summarize(project.queryFile, results, (Date.now() - started) / 1000);
  await mkdir(options.outputPath, { recursive: true });
  await writeFile(join(options.outputPath, 'testResultSummary.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}
