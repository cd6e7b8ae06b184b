// "Did you mean …?" for names the query got wrong: inputs, steps, outputs, functions, columns.
import { closestName } from '../sql/index.ts';

/** The hint sentence, or undefined when nothing is close enough. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const originals = [...new Set(candidates)];
  const upper = originals.map((c) => c.toUpperCase());
  const best = closestName(name, upper);
  if (best === undefined) return undefined;
  const i = upper.indexOf(best);
  return `did you mean '${originals[i] ?? best}'?`;
}
