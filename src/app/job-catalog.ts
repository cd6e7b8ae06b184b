// What the planner needs to know about a job besides its query: input aliases (stream or reference
// data), output aliases and functions — taken from the project's JobSpec.
import type { JobSpec } from '../job/index.ts';
import type { Catalog } from '../plan/index.ts';

export function jobCatalog(job: JobSpec): Catalog {
  return {
    inputs: job.inputs.map((i) => ({ alias: i.alias, kind: i.kind })),
    outputs: job.outputs.map((o) => o.alias),
    functions: job.functions.map((f) => ({ name: f.name, kind: f.kind === 'aggregate' ? 'uda' : 'udf', source: f.source })),
  };
}
