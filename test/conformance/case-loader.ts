// Conformance case loader: reads case folders (query, inputs, expected outputs, case.json) from disk,
// validates their shape and returns them as data for the validator test and the conformance runner.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

/** One JSON value as stored in inputs and expected outputs. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type CompatibilityLevel = '1.0' | '1.1' | '1.2';

/** What an error case expects: the code is matched as a prefix (`SLUICE_PLAN` matches `SLUICE_PLAN_…`). */
export interface ExpectedError {
  readonly code: string;
  readonly messageIncludes: string;
  readonly line?: number;
  readonly column?: number;
}

/** The parsed `case.json`. */
export interface CaseSpec {
  readonly name: string;
  readonly source: string;
  readonly notes?: string;
  readonly compatibilityLevel?: CompatibilityLevel;
  readonly jobConfig?: Readonly<Record<string, JsonValue>>;
  readonly ordered?: boolean;
  readonly referenceInputs?: readonly string[];
  readonly expectError?: ExpectedError;
}

/** A streaming input (JSON lines) or a reference input (a JSON array). */
export interface CaseInput {
  readonly alias: string;
  readonly path: string;
  readonly reference: boolean;
  readonly rows: readonly JsonObject[];
}

export interface CaseOutput {
  readonly alias: string;
  readonly path: string;
  readonly rows: readonly JsonObject[];
}

/** A JavaScript UDF shipped with a case: `functions/<name>.js` and its binding `functions/<name>.js.json`. */
export interface CaseFunction {
  readonly name: string;
  readonly scriptPath: string;
  readonly bindingPath: string;
  readonly script: string;
  readonly binding: JsonObject;
}

export interface ConformanceCase {
  /** `part1/001-pass-through` — the case folder relative to the loaded root. */
  readonly id: string;
  readonly part: string;
  readonly dir: string;
  readonly spec: CaseSpec;
  readonly queryPath: string;
  readonly query: string;
  readonly inputs: readonly CaseInput[];
  /** Empty for error cases. */
  readonly expected: readonly CaseOutput[];
  readonly functions: readonly CaseFunction[];
}

const CASE_FILE = 'case.json';
const QUERY_FILE = 'query.asaql';
const ALLOWED_KEYS = new Set([
  'name', 'source', 'notes', 'compatibilityLevel', 'jobConfig', 'ordered', 'referenceInputs', 'expectError',
]);
const ERROR_KEYS = new Set(['code', 'messageIncludes', 'line', 'column']);

class CaseFormatError extends Error {
  constructor(dir: string, what: string) {
    super(`conformance case ${dir}: ${what}`);
    this.name = 'CaseFormatError';
  }
}

/** Loads every case folder (a folder holding `case.json`) under `dir`, sorted by path. */
export function loadCases(dir: string): ConformanceCase[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`conformance cases: ${dir} is not a folder`);
  const found: string[] = [];
  collectCaseDirs(dir, found);
  found.sort();
  return found.map((caseDir) => loadCase(caseDir, dir));
}

function collectCaseDirs(dir: string, found: string[]): void {
  if (existsSync(join(dir, CASE_FILE))) {
    found.push(dir);
    return;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) collectCaseDirs(join(dir, entry.name), found);
  }
}

/** Loads and validates one case folder; `root` only shapes the case id. */
export function loadCase(caseDir: string, root: string): ConformanceCase {
  const id = relative(root, caseDir).split('\\').join('/') || basename(caseDir);
  const fail = (what: string): never => {
    throw new CaseFormatError(caseDir, what);
  };
  const spec = validateSpec(readJson(join(caseDir, CASE_FILE), fail), fail);
  const queryPath = join(caseDir, QUERY_FILE);
  if (!existsSync(queryPath)) fail(`missing ${QUERY_FILE}`);
  const query = readFileSync(queryPath, 'utf8');
  if (query.trim() === '') fail(`${QUERY_FILE} is empty`);

  const references = new Set(spec.referenceInputs ?? []);
  const inputs: CaseInput[] = [];
  const inputDir = join(caseDir, 'inputs');
  if (existsSync(inputDir)) {
    for (const file of jsonFiles(inputDir)) {
      const alias = file.slice(0, -'.json'.length);
      const path = join(inputDir, file);
      const reference = references.has(alias);
      const rows = reference ? readJsonArray(path, fail) : readJsonLines(path, fail);
      inputs.push({ alias, path, reference, rows });
    }
  }
  for (const alias of references) {
    if (!inputs.some((input) => input.alias === alias)) fail(`referenceInputs names "${alias}" but inputs/${alias}.json is missing`);
  }
  if (inputs.length === 0 && spec.expectError === undefined) fail('no inputs/<alias>.json file');

  const expected: CaseOutput[] = [];
  const expectedDir = join(caseDir, 'expected');
  if (existsSync(expectedDir)) {
    if (spec.expectError !== undefined) fail('an error case (expectError) must not have an expected/ folder');
    for (const file of jsonFiles(expectedDir)) {
      const path = join(expectedDir, file);
      expected.push({ alias: file.slice(0, -'.json'.length), path, rows: readJsonLines(path, fail) });
    }
  }
  if (spec.expectError === undefined && expected.length === 0) fail('no expected/<output>.json file (and no expectError)');

  return {
    id,
    part: id.split('/')[0] ?? '',
    dir: caseDir,
    spec,
    queryPath,
    query,
    inputs,
    expected,
    functions: loadFunctions(join(caseDir, 'functions'), fail),
  };
}

function loadFunctions(dir: string, fail: (what: string) => never): CaseFunction[] {
  if (!existsSync(dir)) return [];
  const functions: CaseFunction[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.js')) continue;
    const scriptPath = join(dir, file);
    const bindingPath = `${scriptPath}.json`;
    if (!existsSync(bindingPath)) fail(`functions/${file} has no binding functions/${file}.json`);
    const binding = readJson(bindingPath, fail);
    if (!isObject(binding)) fail(`functions/${file}.json must hold a JSON object`);
    const script = readFileSync(scriptPath, 'utf8');
    if (!/function\s+main\s*\(/.test(script)) fail(`functions/${file} must define function main(...)`);
    functions.push({ name: file.slice(0, -'.js'.length), scriptPath, bindingPath, script, binding: binding as JsonObject });
  }
  return functions;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
}

function readJson(path: string, fail: (what: string) => never): unknown {
  if (!existsSync(path)) fail(`missing ${basename(path)}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    return fail(`${basename(path)} is not valid JSON: ${(error as Error).message}`);
  }
}

function readJsonArray(path: string, fail: (what: string) => never): JsonObject[] {
  const value = readJson(path, fail);
  if (!Array.isArray(value)) fail(`${relativeName(path)} (reference data) must be a JSON array`);
  const rows = value as unknown[];
  rows.forEach((row, i) => {
    if (!isObject(row)) fail(`${relativeName(path)} element ${i} is not a JSON object`);
  });
  return rows as JsonObject[];
}

function readJsonLines(path: string, fail: (what: string) => never): JsonObject[] {
  const rows: JsonObject[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line) as unknown;
    } catch (error) {
      fail(`${relativeName(path)} line ${i + 1} is not valid JSON: ${(error as Error).message}`);
    }
    if (!isObject(value)) fail(`${relativeName(path)} line ${i + 1} is not a JSON object`);
    rows.push(value as JsonObject);
  });
  return rows;
}

function relativeName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.slice(-2).join('/');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateSpec(value: unknown, fail: (what: string) => never): CaseSpec {
  if (!isObject(value)) return fail('case.json must hold a JSON object');
  for (const key of Object.keys(value)) {
    if (!ALLOWED_KEYS.has(key)) fail(`case.json has an unknown key "${key}"`);
  }
  if (typeof value.name !== 'string' || value.name.trim() === '') fail('case.json "name" must be a non-empty string');
  if (typeof value.source !== 'string' || !value.source.startsWith('https://')) fail('case.json "source" must be an https URL');
  if (value.notes !== undefined && typeof value.notes !== 'string') fail('case.json "notes" must be a string');
  if (value.compatibilityLevel !== undefined && !['1.0', '1.1', '1.2'].includes(value.compatibilityLevel as string)) {
    fail('case.json "compatibilityLevel" must be "1.0", "1.1" or "1.2"');
  }
  if (value.jobConfig !== undefined) {
    if (!isObject(value.jobConfig)) fail('case.json "jobConfig" must be an object');
    for (const key of Object.keys(value.jobConfig as object)) {
      if (!/^[A-Z][A-Za-z0-9]*$/.test(key)) fail(`case.json jobConfig key "${key}" must be PascalCase`);
    }
  }
  if (value.ordered !== undefined && typeof value.ordered !== 'boolean') fail('case.json "ordered" must be a boolean');
  if (value.referenceInputs !== undefined) {
    const refs = value.referenceInputs;
    if (!Array.isArray(refs) || !refs.every((r) => typeof r === 'string' && r !== '')) {
      fail('case.json "referenceInputs" must be an array of input aliases');
    }
  }
  if (value.expectError !== undefined) {
    const e = value.expectError;
    if (!isObject(e)) return fail('case.json "expectError" must be an object');
    for (const key of Object.keys(e)) {
      if (!ERROR_KEYS.has(key)) fail(`case.json expectError has an unknown key "${key}"`);
    }
    if (typeof e.code !== 'string' || !e.code.startsWith('SLUICE_')) fail('expectError.code must be a SLUICE_… code');
    if (typeof e.messageIncludes !== 'string') fail('expectError.messageIncludes must be a string');
    for (const key of ['line', 'column'] as const) {
      const n = e[key];
      if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 1)) fail(`expectError.${key} must be a positive integer`);
    }
  }
  return value as unknown as CaseSpec;
}
