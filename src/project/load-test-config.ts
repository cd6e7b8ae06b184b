// Loads a testConfig.json, resolving its paths against its own folder and checking that the data files a
// test needs exist. Given the project, aliases are checked against its inputs and outputs too.
import path from 'node:path';
import { didYouMean, fromZodIssues, type JobIssue } from '../job/index.ts';
import type { Project } from './project.ts';
import { placeJobIssues, ProjectError, type ProjectIssue } from './project-issue.ts';
import { displayPath, findFile, isForeignAbsolute, resolveFrom } from './project-paths.ts';
import { readJsonFile } from './read-json-file.ts';
import { testConfigSchema, type TestCase, type TestConfig } from './test-config.ts';

export interface LoadedTestConfig extends TestConfig {
  warnings: ProjectIssue[];
}

export async function loadTestConfig(file: string, project?: Project): Promise<LoadedTestConfig> {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const shown = project ? displayPath(project.rootDir, abs) : abs;
  const what = `test configuration ${abs}`;
  const read = await readJsonFile(abs, shown);
  if (!read.doc) throw new ProjectError(what, read.issues);
  const doc = read.doc;
  const issues: ProjectIssue[] = [...read.issues];
  const r = testConfigSchema().safeParse(doc.value);
  if (!r.success) throw new ProjectError(what, [...issues, ...placeJobIssues(fromZodIssues(r.error.issues), shown, doc)]);

  const jobIssues: JobIssue[] = [];
  const err = (p: (string | number)[], message: string, code: `SLUICE_${string}` = 'SLUICE_PROJECT_TEST_CONFIG'): void => {
    jobIssues.push({ severity: 'error', code, path: p, message });
  };
  const warn = (p: (string | number)[], message: string, code: `SLUICE_${string}` = 'SLUICE_PROJECT_TEST_CONFIG'): void => {
    jobIssues.push({ severity: 'warning', code, path: p, message });
  };
  const inputAliases = project?.job.inputs.map((i) => i.alias) ?? [];
  const outputAliases = project?.job.outputs.map((o) => o.alias) ?? [];
  const resolveData = async (p: (string | number)[], written: string, mustExist: boolean): Promise<string> => {
    if (isForeignAbsolute(written)) {
      if (mustExist) err(p, 'is a Windows absolute path; use a path relative to testConfig.json');
      return written;
    }
    const resolved = resolveFrom(dir, written);
    const found = await findFile(resolved);
    if (found === undefined && mustExist) err(p, `names ${JSON.stringify(written)}, which does not exist (paths are relative to testConfig.json)`, 'SLUICE_PROJECT_FILE_MISSING');
    return found ?? resolved;
  };

  const names = new Set<string>();
  const testCases: TestCase[] = [];
  for (const [c, tc] of r.data.TestCases.entries()) {
    if (names.has(tc.Name.toLowerCase())) warn(['TestCases', c, 'Name'], `repeats the test case name "${tc.Name}"`);
    names.add(tc.Name.toLowerCase());
    const seen = new Set<string>();
    const inputs = [];
    for (const [k, mock] of (tc.Inputs ?? []).entries()) {
      const at = ['TestCases', c, 'Inputs', k];
      if (seen.has(mock.alias.toLowerCase())) err([...at, 'InputAlias'], `gives input "${mock.alias}" twice in one test case`);
      seen.add(mock.alias.toLowerCase());
      if (project && !inputAliases.some((a) => a.toLowerCase() === mock.alias.toLowerCase())) {
        const guess = didYouMean(mock.alias, inputAliases);
        warn([...at, 'InputAlias'], `is "${mock.alias}", which the project does not define${guess ? ` (did you mean ${guess}?)` : ''}`);
      }
      const filePath = await resolveData([...at, 'FilePath'], mock.filePath, true);
      inputs.push({ alias: mock.alias, kind: mock.kind, format: mock.format, filePath });
    }
    const expectedOutputs = [];
    for (const [k, eo] of (tc.ExpectedOutputs ?? []).entries()) {
      const at = ['TestCases', c, 'ExpectedOutputs', k];
      const required = eo.Required ?? true;
      if (project && outputAliases.length > 0 && !outputAliases.some((a) => a.toLowerCase() === eo.OutputAlias.toLowerCase())) {
        const guess = didYouMean(eo.OutputAlias, outputAliases);
        warn([...at, 'OutputAlias'], `is "${eo.OutputAlias}", which the project does not define${guess ? ` (did you mean ${guess}?)` : ''}`);
      }
      const filePath = await resolveData([...at, 'FilePath'], eo.FilePath, required);
      expectedOutputs.push({ alias: eo.OutputAlias, filePath, ignoreFields: eo.IgnoreFields ?? [], required });
    }
    testCases.push({ name: tc.Name, inputs, expectedOutputs });
  }
  issues.push(...placeJobIssues(jobIssues, shown, doc));
  if (issues.some((i) => i.severity === 'error')) throw new ProjectError(what, issues);
  const config: LoadedTestConfig = { file: abs, testCases, warnings: issues };
  if (r.data.Script !== undefined) config.script = r.data.Script;
  return config;
}
