// Rule: where a statement's rows go. `INTO name` must name an output of the job (did you mean …?);
// without INTO the rows go to the job's only output, or to `output` ("If omitted, results go to the
// output named output", https://learn.microsoft.com/stream-analytics-query/into-azure-stream-analytics).
import type { SourceSpan } from '../../common/index.ts';
import type { Identifier } from '../../sql/index.ts';
import type { Catalog } from '../catalog.ts';
import type { Diagnostics } from '../diagnostics.ts';
import { didYouMean } from '../suggest.ts';

export function resolveOutput(into: Identifier | undefined, span: SourceSpan, catalog: Catalog, diag: Diagnostics): string {
  const outputs = catalog.outputs;
  if (into === undefined) {
    if (outputs.length === 0) return 'output';
    if (outputs.length === 1) return outputs[0] as string;
    const named = outputs.find((o) => o.toLowerCase() === 'output');
    if (named !== undefined) return named;
    diag.error('SLUICE_PLAN_NO_INTO', 'this SELECT has no INTO and the job has several outputs', span, `add INTO one of: ${outputs.join(', ')}`);
    return 'output';
  }
  if (outputs.length === 0) return into.name;
  const found = outputs.find((o) => o.toLowerCase() === into.name.toLowerCase());
  if (found !== undefined) return found;
  diag.error('SLUICE_PLAN_UNKNOWN_OUTPUT', `unknown output '${into.name}'`, into.span, didYouMean(into.name, outputs) ?? `outputs of this job: ${outputs.join(', ')}`);
  return into.name;
}
