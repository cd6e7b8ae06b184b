// The job as validated data: settings, inputs, outputs and functions, whatever they were read from (an ASA
// project folder today; a REST-style document later). Every part is parsed by its own module; this one
// holds the whole and the rules that span parts.
import type { FunctionSpec } from './function-spec.ts';
import type { InputSpec } from './input-spec.ts';
import { jobError, type JobIssue } from './job-issue.ts';
import type { JobConfigSpec } from './job-config.ts';
import type { OutputSpec } from './output-spec.ts';

export interface JobSpec {
  /** Job name (asaproj.json "name"); also the default prefix of Kafka consumer group ids. */
  name: string;
  config: JobConfigSpec;
  inputs: InputSpec[];
  outputs: OutputSpec[];
  functions: FunctionSpec[];
}

/**
 * Rules across parts: aliases and function names are unique, ignoring case, because ASA resolves names in
 * a query case-insensitively. Issues point at ['inputs', i] etc., for the reader to map to files.
 */
export function checkJobSpec(spec: JobSpec): JobIssue[] {
  const issues: JobIssue[] = [];
  const unique = (list: readonly { name: string }[], part: 'inputs' | 'outputs' | 'functions', what: string): void => {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const key = item.name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else issues.push(jobError([part, i], `defines ${what} "${item.name}" again (names are compared ignoring case)`, 'SLUICE_JOB_DUPLICATE_NAME'));
    });
  };
  unique(spec.inputs.map((x) => ({ name: x.alias })), 'inputs', 'input');
  unique(spec.outputs.map((x) => ({ name: x.alias })), 'outputs', 'output');
  unique(spec.functions, 'functions', 'function');
  return issues;
}

/** Inputs that can only be read from their InputMock (sources sluice cannot reach live). */
export function localOnlyInputs(spec: JobSpec): InputSpec[] {
  return spec.inputs.filter((i) => !i.live);
}
