// Where the directory store looks: an explicit --dir wins, then SLUICE_SECRETS_DIR, then `secrets/`
// inside the project folder. The project-relative default keeps a job's secrets next to the job (and
// out of git via .gitignore) instead of in a per-user location nobody remembers to back up.
import path from 'node:path';

export const SECRETS_DIR_ENV = 'SLUICE_SECRETS_DIR';
export const DEFAULT_SECRETS_DIR = 'secrets';

export interface ResolveSecretsDirOptions {
  /** Explicit directory (CLI --dir, config `dir`). Relative paths resolve against projectDir. */
  dir?: string | undefined;
  /** Defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The project folder; defaults to the current directory. */
  projectDir?: string | undefined;
}

export function resolveSecretsDir(options: ResolveSecretsDirOptions = {}): string {
  const projectDir = path.resolve(options.projectDir ?? process.cwd());
  const env = options.env ?? process.env;
  // An empty value means "not set" (as shells and CI variables often leave it), not "the project folder".
  const chosen = options.dir || env[SECRETS_DIR_ENV] || DEFAULT_SECRETS_DIR;
  return path.resolve(projectDir, chosen);
}
