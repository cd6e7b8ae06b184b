// Rule: WITH step names are unique in the script and do not hide an input ("Names must be unique",
// https://learn.microsoft.com/stream-analytics-query/with-azure-stream-analytics).
import type { WithStep } from '../../sql/index.ts';
import type { Catalog } from '../catalog.ts';
import type { Diagnostics } from '../diagnostics.ts';

export function checkDuplicateSteps(steps: readonly WithStep[], catalog: Catalog, diag: Diagnostics): void {
  const seen = new Map<string, WithStep>();
  for (const s of steps) {
    const key = s.name.name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      diag.error('SLUICE_PLAN_DUPLICATE_STEP', `the step name '${s.name.name}' is already used (line ${earlier.name.span.start.line})`, s.name.span, 'give each WITH step its own name');
    } else if (catalog.inputs.some((i) => i.alias.toLowerCase() === key)) {
      diag.error('SLUICE_PLAN_DUPLICATE_STEP', `the step name '${s.name.name}' is the name of an input`, s.name.span, 'rename the step');
    }
    seen.set(key, s);
  }
}
