// Reads one file listed in asaproj.json according to its subType and parses it into its part of the job.
// Relative paths inside a definition (mock data, reference files, .proto files, output paths) are resolved
// against the definition's own folder, as ASA's tools resolve an InputMock's FilePath.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  inputMockSchema, fromZodIssues, parseFunctionDefinition, parseInputDefinition, parseJobConfig, parseOutputDefinition,
  pickCi, type FunctionSpec, type InputMockSpec, type InputSpec, type JobConfigSpec, type JobIssue, type OutputSpec,
  type Parsed, type Serialization,
} from '../job/index.ts';
import type { ManifestEntry } from './asaproj-manifest.ts';
import type { JsonDocument } from './json-document.ts';
import { fileIssue, placeJobIssues, type ProjectIssue } from './project-issue.ts';
import { findFile, isForeignAbsolute, resolveFrom } from './project-paths.ts';
import { inlineSecrets, readJsonFile } from './read-json-file.ts';

interface PartBase { file: string; doc: JsonDocument }

export type LoadedPart =
  | (PartBase & { kind: 'JobConfig'; value: JobConfigSpec })
  | (PartBase & { kind: 'Input'; value: InputSpec })
  | (PartBase & { kind: 'InputMock'; value: InputMockSpec })
  | (PartBase & { kind: 'Output'; value: OutputSpec })
  | (PartBase & { kind: 'JSFunction'; value: FunctionSpec });

export interface ReadConfigurationResult {
  /** The listed file does not exist. */
  missing: boolean;
  /** Every file read (absolute), so the reader knows which files are accounted for. */
  files: string[];
  issues: ProjectIssue[];
  /** Inline credential values seen, for scrubbing messages. */
  secrets: string[];
  part?: LoadedPart;
}

export interface ReadConfigurationContext {
  entry: ManifestEntry;
  abs: string;
  rootDir: string;
  jobName: string;
  show: (file: string) => string;
}

/** "Functions/f.js.json" or "Functions/f.js" → both files of the function. */
function functionFiles(abs: string): { js: string; json: string } | undefined {
  if (/\.js\.json$/i.test(abs)) return { js: abs.slice(0, -'.json'.length), json: abs };
  if (/\.js$/i.test(abs)) return { js: abs, json: `${abs}.json` };
  return undefined;
}

export async function readConfiguration(ctx: ReadConfigurationContext): Promise<ReadConfigurationResult> {
  const { entry, show } = ctx;
  const out: ReadConfigurationResult = { missing: false, files: [], issues: [], secrets: [] };

  let jsonPath = ctx.abs;
  let jsPath: string | undefined;
  if (entry.subType === 'JSFunction') {
    const pair = functionFiles(ctx.abs);
    if (pair === undefined) {
      out.issues.push(fileIssue(show(ctx.abs), 'is listed as a JSFunction but is neither a .js script nor its .js.json binding', 'SLUICE_PROJECT_FUNCTION_FILE'));
      return out;
    }
    const js = await findFile(pair.js);
    if (js === undefined) {
      out.missing = pair.js === ctx.abs;
      if (!out.missing) out.issues.push(fileIssue(show(pair.js), `does not exist; ${show(pair.json)} is the binding of this script`, 'SLUICE_PROJECT_FILE_MISSING'));
      return out;
    }
    jsPath = js;
    out.files.push(js);
    jsonPath = pair.json;
  }
  const found = await findFile(jsonPath);
  if (found === undefined) {
    if (jsPath === undefined || jsonPath === ctx.abs) out.missing = true;
    else out.issues.push(fileIssue(show(jsonPath), `does not exist; every JavaScript function needs its binding (Name, Type, FunctionInputs, OutputType) next to ${path.basename(jsPath)}`, 'SLUICE_PROJECT_FILE_MISSING'));
    return out;
  }
  out.files.push(found);
  const shown = show(found);
  const read = await readJsonFile(found, shown);
  out.issues.push(...read.issues);
  const doc = read.doc;
  if (doc === undefined) return out;
  out.secrets.push(...inlineSecrets(doc.value));

  const place = (issues: readonly JobIssue[]): void => {
    out.issues.push(...placeJobIssues(issues, shown, doc));
  };
  const scriptType = pickCi(doc.value, 'ScriptType');
  if (typeof scriptType === 'string' && scriptType.toLowerCase() !== entry.subType.toLowerCase()) {
    place([{ severity: 'error', code: 'SLUICE_PROJECT_SCRIPT_TYPE', path: ['ScriptType'], message: `is ${JSON.stringify(scriptType)} but asaproj.json lists this file as ${entry.subType}` }]);
  }
  const dir = path.dirname(found);
  const fileAlias = path.basename(found).replace(/\.json$/i, '');
  const take = <T>(r: Parsed<T>): T | undefined => {
    place(r.issues);
    return r.ok ? r.value : undefined;
  };

  switch (entry.subType) {
    case 'JobConfig': {
      const value = take(parseJobConfig(doc.value));
      if (value) out.part = { kind: 'JobConfig', value, file: found, doc };
      break;
    }
    case 'Input': {
      const value = take(parseInputDefinition(doc.value, { jobName: ctx.jobName, fileAlias }));
      if (value) {
        place(await resolveInputPaths(value, dir));
        out.part = { kind: 'Input', value, file: found, doc };
      }
      break;
    }
    case 'Output': {
      const value = take(parseOutputDefinition(doc.value, { fileAlias }));
      if (value) {
        if (value.sink.kind === 'file') value.sink.properties.path = resolveFrom(dir, value.sink.properties.path);
        out.part = { kind: 'Output', value, file: found, doc };
      }
      break;
    }
    case 'InputMock': {
      const r = inputMockSchema().safeParse(doc.value);
      if (!r.success) {
        place(fromZodIssues(r.error.issues));
        break;
      }
      const value = r.data;
      place(await resolveMockPath(value, dir, show));
      out.part = { kind: 'InputMock', value, file: found, doc };
      break;
    }
    case 'JSFunction': {
      const source = (await readFile(jsPath as string, 'utf8')).replace(/^\uFEFF/, '');
      const fileName = path.basename(jsPath as string).replace(/\.js$/i, '');
      const value = take(parseFunctionDefinition(doc.value, { fileName, source }));
      if (value) out.part = { kind: 'JSFunction', value, file: jsPath as string, doc };
      break;
    }
  }
  return out;
}

/** Resolves an InputMock's FilePath; a missing data file only matters to local runs, so it is a warning. */
export async function resolveMockPath(mock: InputMockSpec, dir: string, show: (f: string) => string): Promise<JobIssue[]> {
  if (isForeignAbsolute(mock.filePath)) {
    return [{ severity: 'warning', code: 'SLUICE_PROJECT_PATH', path: ['FilePath'], message: 'is a Windows absolute path; local runs need a path relative to this file' }];
  }
  const resolved = resolveFrom(dir, mock.filePath);
  const found = await findFile(resolved);
  mock.filePathResolved = found ?? resolved;
  return found === undefined
    ? [{ severity: 'warning', code: 'SLUICE_PROJECT_FILE_MISSING', path: ['FilePath'], message: `names ${show(resolved)}, which does not exist; local runs of input "${mock.alias}" will fail` }]
    : [];
}

async function resolveInputPaths(input: InputSpec, dir: string): Promise<JobIssue[]> {
  const issues: JobIssue[] = [];
  if (input.source.kind === 'file') {
    const resolved = resolveFrom(dir, input.source.properties.path);
    const found = await findFile(resolved);
    input.source.properties.path = found ?? resolved;
    if (found === undefined) {
      issues.push({ severity: 'warning', code: 'SLUICE_PROJECT_FILE_MISSING', path: ['FileProperties', 'Path'], message: 'names a file that does not exist (yet); live runs will fail until it does' });
    }
  }
  if (input.source.kind === 'kafka' && input.source.properties.deadLetter?.kind === 'file') {
    input.source.properties.deadLetter.path = resolveFrom(dir, input.source.properties.deadLetter.path);
  }
  const s: Serialization | undefined = input.serialization;
  if (s?.type === 'Protobuf') {
    const found = await findFile(resolveFrom(dir, s.protoFile));
    if (found === undefined) {
      issues.push({ severity: 'error', code: 'SLUICE_PROJECT_FILE_MISSING', path: ['Serialization', 'ProtoFile'], message: `names ${JSON.stringify(s.protoFile)}, which does not exist (paths are relative to this file)` });
    } else s.protoFile = found;
  }
  return issues;
}
