// JavaScript user-defined functions and aggregates: the script (Functions/<name>.js) and its binding
// (Functions/<name>.js.json: { Name, Type: "Scalar" | "Aggregate", FunctionInputs: [{ DataType,
// IsConfigurationParameter }], OutputType, ScriptType: "JSFunction" }). ASA calls `function main(…)` of a
// UDF, and constructs `main` of a UDA with init/accumulate/(deaccumulate)/computeResult methods
// (learn.microsoft.com "JavaScript user-defined functions in Azure Stream Analytics" and "… user-defined
// aggregates").
import { z } from 'zod';
import { boolLike, ciEnum, ciObject, text } from './case-insensitive.ts';
import { fromZodIssues, jobError, jobWarning, unknownKeyIssues, type JobIssue, type Parsed } from './job-issue.ts';

export type UdfDataType = 'any' | 'bigint' | 'float' | 'nvarchar(max)' | 'datetime' | 'record' | 'array' | 'bit';

export interface FunctionParameterSpec {
  dataType: UdfDataType;
  isConfigurationParameter: boolean;
}

export interface FunctionSpec {
  /** Name used in the query as udf.<name> (UDF) or uda.<name> (UDA). */
  name: string;
  language: 'javascript';
  /** scalar = UDF, aggregate = UDA, as the binding's Type marks it. */
  kind: 'scalar' | 'aggregate';
  parameters: FunctionParameterSpec[];
  outputType: UdfDataType;
  /** The JavaScript source text. */
  source: string;
}

const dataType = ciEnum(['any', 'bigint', 'float', 'nvarchar(max)', 'datetime', 'record', 'array', 'bit'], {
  nvarchar: 'nvarchar(max)', 'nvarchar (max)': 'nvarchar(max)',
});

const shape = {
  Name: text('a function name').optional(),
  Type: ciEnum(['Scalar', 'Aggregate'], { UDF: 'Scalar', UDA: 'Aggregate' }).optional(),
  FunctionInputs: z.array(ciObject({
    DataType: dataType,
    IsConfigurationParameter: boolLike().optional(),
  }), { error: 'must be a list of {"DataType": …} objects' }).optional(),
  OutputType: dataType.optional(),
  ScriptType: z.unknown().optional(),
};

export const FUNCTION_KEYS: readonly string[] = Object.keys(shape);

export interface FunctionParseContext {
  /** Name implied by the file name (Functions/<name>.js.json). */
  fileName: string;
  /** The script's text. */
  source: string;
}

/** Parses a JS function binding and checks that the script defines what ASA will call. */
export function parseFunctionDefinition(raw: unknown, ctx: FunctionParseContext): Parsed<FunctionSpec> {
  const issues: JobIssue[] = unknownKeyIssues(raw, FUNCTION_KEYS, []);
  const r = ciObject(shape).safeParse(raw);
  if (!r.success) return { ok: false, issues: [...issues, ...fromZodIssues(r.error.issues)] };
  const b = r.data;
  // The VS Code tools name the files after the function; the file name is what a rename leaves right.
  const name = ctx.fileName;
  if (b.Name !== undefined && b.Name.toLowerCase() !== ctx.fileName.toLowerCase()) {
    issues.push(jobWarning(['Name'], `is "${b.Name}" but the script file is "${ctx.fileName}.js"; sluice uses the file name, "${ctx.fileName}"`));
  }
  const kind = b.Type === 'Aggregate' ? 'aggregate' : 'scalar';
  if (!/function\s+main\s*\(/.test(ctx.source)) {
    issues.push(jobError([], kind === 'scalar'
      ? `the script ${ctx.fileName}.js does not define function main(…), which ASA calls for each row`
      : `the script ${ctx.fileName}.js does not define function main(), the aggregate's constructor`, 'SLUICE_JOB_FUNCTION_SCRIPT'));
  } else if (kind === 'aggregate' && !/\binit\b/.test(ctx.source)) {
    issues.push(jobError([], `the aggregate ${ctx.fileName}.js defines no init method; a UDA's main() must set this.init, this.accumulate and this.computeResult`, 'SLUICE_JOB_FUNCTION_SCRIPT'));
  }
  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues };
  return {
    ok: true,
    issues,
    value: {
      name,
      language: 'javascript',
      kind,
      parameters: (b.FunctionInputs ?? []).map((p) => ({ dataType: p.DataType, isConfigurationParameter: p.IsConfigurationParameter ?? false })),
      outputType: b.OutputType ?? 'any',
      source: ctx.source,
    },
  };
}
