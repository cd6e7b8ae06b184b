// Rule: under compatibility level 1.2 a built-in function takes no prefix (`x.ABS()` is an error);
// below 1.2 the prefix is ignored. "Compatibility level for Azure Stream Analytics jobs", 1.2 section
// (https://learn.microsoft.com/azure/stream-analytics/stream-analytics-compatibility-level).
import type { SourceSpan } from '../../common/index.ts';
import type { CompatBehaviour } from '../../types/index.ts';
import type { Diagnostics } from '../diagnostics.ts';

/** Reports and returns true when the prefix is not allowed. */
export function checkFunctionPrefix(names: readonly string[], compat: CompatBehaviour, span: SourceSpan, diag: Diagnostics): boolean {
  if (names.length < 2 || !compat.strictFunctionPrefix) return false;
  const name = names[names.length - 1] as string;
  diag.error('SLUICE_PLAN_FUNCTION_PREFIX', `built-in function ${name} cannot be called with the prefix '${names.slice(0, -1).join('.')}' under compatibility level 1.2`, span, `write ${name}(…)`);
  return true;
}
