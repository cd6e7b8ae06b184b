// The user-facing checkpoint settings of `sluice run`: the interval as a duration ("30s", "500ms", "2m",
// "0" for only at a graceful stop) and the default directory, beside the project so that a restart of
// the same project finds its checkpoints.
import { join } from 'node:path';
import { SluiceError } from '../common/index.ts';

export const DEFAULT_CHECKPOINT_INTERVAL = '30s';
export const DEFAULT_CHECKPOINT_KEEP = 3;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "30s" → 30000; a bare number is seconds; 0 turns periodic checkpoints off. */
export function parseCheckpointInterval(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) {
    throw new SluiceError('SLUICE_CHECKPOINT_CONFIG', `checkpoint interval '${text}' is not a duration`, {
      domain: 'user', hint: 'write it as a number with a unit: 500ms, 30s, 5m, 1h (0: only when stopping)',
    });
  }
  return Math.round(Number(m[1]) * (UNIT_MS[m[2] ?? 's'] as number));
}

/** <project folder>/.sluice/checkpoints */
export function defaultCheckpointDir(projectRoot: string): string {
  return join(projectRoot, '.sluice', 'checkpoints');
}
