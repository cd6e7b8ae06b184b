// Secrets from environment variables, for containers and CI where a file mount is awkward:
// vault `kv-prod` + secret `kafka-password` → SLUICE_SECRET_KV_PROD_KAFKA_PASSWORD (upper-cased, every
// character that is not a letter or digit becomes '_'). The mapping is lossy (`a-b`/`c` and `a`/`b-c`
// meet), which is accepted: a collision is visible in the variable name and easy to avoid.
import { SluiceError } from '../common/index.ts';
import { contentVersion } from './content-version.ts';
import { registerSecretValue } from './secret-redactor.ts';
import { formatSecretRef, type SecretStore, type SecretValue } from './secret-store.ts';

export const DEFAULT_ENV_PREFIX = 'SLUICE_SECRET_';

export function envVariableName(vault: string, name: string, prefix: string = DEFAULT_ENV_PREFIX): string {
  const part = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `${prefix}${part(vault)}_${part(name)}`;
}

export interface EnvSecretStoreOptions {
  /** Defaults to process.env (read on every get, so a changed variable is seen). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Defaults to SLUICE_SECRET_. */
  prefix?: string;
}

export class EnvSecretStore implements SecretStore {
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly prefix: string;

  constructor(options: EnvSecretStoreOptions = {}) {
    this.#env = options.env ?? process.env;
    this.prefix = options.prefix ?? DEFAULT_ENV_PREFIX;
  }

  async get(vault: string, name: string): Promise<SecretValue> {
    if (vault.length === 0 || name.length === 0) {
      throw new SluiceError('SLUICE_SECRET_NAME_INVALID', 'vault and secret names must not be empty', { domain: 'user' });
    }
    const variable = envVariableName(vault, name, this.prefix);
    const value = this.#env[variable];
    if (value === undefined) {
      throw new SluiceError('SLUICE_SECRET_NOT_FOUND', `${formatSecretRef({ vault, name })} not found: environment variable ${variable} is not set`, {
        domain: 'user', details: { vault, secret: name, variable }, hint: `set ${variable} in the environment sluice runs in`,
      });
    }
    registerSecretValue(value);
    const bytes = new TextEncoder().encode(value);
    return { vault, name, value, bytes, version: contentVersion(bytes), readAt: new Date(), source: `environment ${variable}` };
  }

  describe(): string {
    return `environment secret store (${this.prefix}<VAULT>_<NAME>)`;
  }
}
