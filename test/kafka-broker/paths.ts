// Where the harness keeps what outlives one run (jars) and what belongs to one run (data, certificates).
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Same cache root as scripts/bootstrap.sh, so CI can cache one folder. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env['SLUICE_CACHE']) return env['SLUICE_CACHE'];
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'sluice');
}
