// Reads an ASA project folder the way ASA's VS Code tools and CI/CD package do: asaproj.json lists the
// files (JobConfig, Input, InputMock, Output, JSFunction), the query is its startFile, relative paths in a
// file are relative to that file's folder, and keys and values match ignoring case. Every problem in every
// file is collected before anything is reported; the result is a validated JobSpec.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  checkJobSpec, DEFAULT_JOB_CONFIG, fromZodIssues, type FunctionSpec, type InputMockSpec, type InputSpec,
  type JobConfigSpec, type JobSpec, type OutputSpec,
} from '../job/index.ts';
import { asaprojSchema, manifestEntrySchema } from './asaproj-manifest.ts';
import { findProjectFile } from './find-project-file.ts';
import type { Project, ProjectFiles } from './project.ts';
import { fileIssue, placeJobIssues, ProjectError, type ProjectIssue } from './project-issue.ts';
import { displayPath, findFile, isDirectory, isForeignAbsolute, resolveFrom } from './project-paths.ts';
import { readConfiguration, type LoadedPart } from './read-configuration.ts';
import { readJsonFile } from './read-json-file.ts';

/** Loads and validates the project at a folder, its asaproj.json, or a JSON <name>.asaproj. */
export async function loadProject(target: string): Promise<Project> {
  const projectFile = await findProjectFile(target);
  const rootDir = path.dirname(projectFile);
  const show = (f: string): string => displayPath(rootDir, f);
  const manifestName = show(projectFile);
  const what = `project ${projectFile}`;
  const issues: ProjectIssue[] = [];
  const secrets: string[] = [];

  const m = await readJsonFile(projectFile, manifestName);
  issues.push(...m.issues);
  if (!m.doc) throw new ProjectError(what, issues);
  const parsed = asaprojSchema().safeParse(m.doc.value);
  if (!parsed.success) {
    issues.push(...placeJobIssues(fromZodIssues(parsed.error.issues), manifestName, m.doc));
    throw new ProjectError(what, issues);
  }
  const manifest = parsed.data;
  const manifestIssue = (p: (string | number)[], message: string, code: `SLUICE_${string}`, severity: 'error' | 'warning' = 'error') =>
    placeJobIssues([{ severity, code, path: p, message }], manifestName, m.doc)[0] as ProjectIssue;

  // The query.
  let queryFile = resolveFrom(rootDir, manifest.startFile);
  let queryText = '';
  const foundQuery = await findFile(queryFile);
  if (foundQuery === undefined) {
    issues.push(manifestIssue(['startFile'], `names "${manifest.startFile}", which does not exist`, 'SLUICE_PROJECT_FILE_MISSING'));
  } else {
    queryFile = foundQuery;
    queryText = (await readFile(foundQuery, 'utf8')).replace(/^\uFEFF/, '');
  }

  // The listed files.
  const listed = new Set<string>();
  const parts: LoadedPart[] = [];
  for (const [index, rawEntry] of manifest.configurations.entries()) {
    const at: (string | number)[] = ['configurations', index, 'filePath'];
    const parsedEntry = manifestEntrySchema().safeParse(rawEntry);
    if (!parsedEntry.success) {
      issues.push(...placeJobIssues(fromZodIssues(parsedEntry.error.issues, ['configurations', index]), manifestName, m.doc));
      continue;
    }
    const entry = parsedEntry.data;
    if (isForeignAbsolute(entry.filePath)) {
      issues.push(manifestIssue(at, 'is a Windows absolute path; use a path relative to the project folder', 'SLUICE_PROJECT_PATH'));
      continue;
    }
    const abs = resolveFrom(rootDir, entry.filePath);
    if (listed.has(abs.toLowerCase())) {
      issues.push(manifestIssue(at, `lists "${entry.filePath}" a second time; the repeat is ignored`, 'SLUICE_PROJECT_DUPLICATE_FILE', 'warning'));
      continue;
    }
    listed.add(abs.toLowerCase());
    const result = await readConfiguration({ entry, abs, rootDir, jobName: manifest.name, show });
    if (result.missing) {
      issues.push(manifestIssue(at, `names "${entry.filePath}", which does not exist`, 'SLUICE_PROJECT_FILE_MISSING'));
      continue;
    }
    for (const f of result.files) listed.add(f.toLowerCase());
    issues.push(...result.issues);
    secrets.push(...result.secrets);
    if (result.part) parts.push(result.part);
  }

  const assembled = assemble(manifest.name, parts, show, issues);
  issues.push(...(await unlistedFiles(rootDir, listed, show)));
  const testConfig = await findFile(path.join(rootDir, 'test', 'testConfig.json'));

  if (issues.some((i) => i.severity === 'error')) throw new ProjectError(what, issues, secrets);
  const project: Project = {
    name: manifest.name,
    rootDir,
    projectFile,
    queryFile,
    queryText,
    job: assembled.job,
    files: assembled.files,
    warnings: issues,
  };
  if (testConfig !== undefined) project.testConfigFile = testConfig;
  return project;
}

/** Puts the parts together: one JobConfig, mocks attached to their inputs, cross-part rules. */
function assemble(jobName: string, parts: LoadedPart[], show: (f: string) => string, issues: ProjectIssue[]) {
  let config: JobConfigSpec | undefined;
  const inputs: { spec: InputSpec; part: LoadedPart }[] = [];
  const outputs: { spec: OutputSpec; part: LoadedPart }[] = [];
  const functions: { spec: FunctionSpec; part: LoadedPart }[] = [];
  const mocks: { spec: InputMockSpec; part: LoadedPart }[] = [];
  const files: ProjectFiles = { inputs: {}, mocks: {}, outputs: {}, functions: {} };
  for (const part of parts) {
    switch (part.kind) {
      case 'JobConfig':
        if (config !== undefined) {
          issues.push(fileIssue(show(part.file), `is a second JobConfig; the project already has ${files.jobConfig === undefined ? 'one' : show(files.jobConfig)}`, 'SLUICE_PROJECT_DUPLICATE_JOBCONFIG'));
        } else {
          config = part.value;
          files.jobConfig = part.file;
        }
        break;
      case 'Input': inputs.push({ spec: part.value, part }); break;
      case 'Output': outputs.push({ spec: part.value, part }); break;
      case 'JSFunction': functions.push({ spec: part.value, part }); break;
      case 'InputMock': mocks.push({ spec: part.value, part }); break;
    }
  }

  // Each mock stands in for the input with its alias; a mock without a live input defines one.
  const mocked = new Map<string, LoadedPart>();
  for (const { spec: mock, part } of mocks) {
    const key = mock.alias.toLowerCase();
    const previous = mocked.get(key);
    if (previous !== undefined) {
      issues.push(...placeJobIssues([{ severity: 'error', code: 'SLUICE_PROJECT_DUPLICATE_MOCK', path: ['InputAlias'], message: `is "${mock.alias}", which ${show(previous.file)} already mocks` }], show(part.file), part.doc));
      continue;
    }
    mocked.set(key, part);
    files.mocks[mock.alias] = part.file;
    const input = inputs.find((i) => i.spec.alias.toLowerCase() === key);
    if (input === undefined) {
      inputs.push({ spec: { alias: mock.alias, kind: mock.kind, source: { kind: 'local' }, compression: 'None', mock, live: false }, part });
      continue;
    }
    if (input.spec.kind !== mock.kind) {
      issues.push(...placeJobIssues([{ severity: 'error', code: 'SLUICE_PROJECT_MOCK_TYPE', path: ['Type'], message: `is ${mock.kind === 'stream' ? '"Data Stream"' : '"Reference data"'} but input "${input.spec.alias}" (${show(input.part.file)}) is ${input.spec.kind === 'stream' ? '"Data Stream"' : '"Reference data"'}` }], show(part.file), part.doc));
    }
    input.spec.mock = mock;
  }

  // ASA runs these sources only in the cloud; without a mock, sluice cannot read them at all.
  for (const { spec, part } of inputs) {
    if (!spec.live && spec.mock === undefined && spec.source.kind === 'external') {
      issues.push(...placeJobIssues([{ severity: 'warning', code: 'SLUICE_PROJECT_NO_MOCK', path: ['DataSourceType'], message: `is ${spec.source.dataSourceType}, which sluice cannot read live, and no InputMock stands in for input "${spec.alias}"; add Inputs/Local_${spec.alias}.json to run the job locally` }], show(part.file), part.doc));
    }
  }

  const job: JobSpec = {
    name: jobName,
    config: config ?? structuredClone(DEFAULT_JOB_CONFIG),
    inputs: inputs.map((i) => i.spec),
    outputs: outputs.map((o) => o.spec),
    functions: functions.map((f) => f.spec),
  };
  for (const i of inputs) if (i.part.kind === 'Input') files.inputs[i.spec.alias] = i.part.file;
  for (const o of outputs) files.outputs[o.spec.alias] = o.part.file;
  for (const f of functions) files.functions[f.spec.name] = f.part.file;

  for (const issue of checkJobSpec(job)) {
    const [partName, index] = issue.path as ['inputs' | 'outputs' | 'functions', number];
    const owner = partName === 'inputs' ? inputs[index]?.part : partName === 'outputs' ? outputs[index]?.part : functions[index]?.part;
    if (owner === undefined) continue;
    const keyPath = owner.kind === 'InputMock' ? ['InputAlias'] : ['Name'];
    issues.push(...placeJobIssues([{ ...issue, path: keyPath }], show(owner.file), owner.doc));
  }
  return { job, files };
}

/** Definition files in Inputs/, Outputs/ and Functions/ that asaproj.json does not list (ASA ignores them). */
async function unlistedFiles(rootDir: string, listed: ReadonlySet<string>, show: (f: string) => string): Promise<ProjectIssue[]> {
  const out: ProjectIssue[] = [];
  for (const folder of ['Inputs', 'Outputs', 'Functions']) {
    const dir = path.join(rootDir, folder);
    if (!(await isDirectory(dir))) continue;
    for (const name of (await readdir(dir)).sort()) {
      const file = path.join(dir, name);
      if (!/\.(json|js)$/i.test(name) || listed.has(file.toLowerCase())) continue;
      out.push(fileIssue(show(file), 'is not listed in asaproj.json and is ignored, as ASA\'s tools ignore it', 'SLUICE_PROJECT_UNLISTED_FILE', 'warning'));
    }
  }
  return out;
}

