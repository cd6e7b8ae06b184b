// Picks and builds the secret store from a small config object, so the job/project layer (or an env
// variable) selects the provider without knowing the classes. Also validates such an object when it
// comes from a file.
import { SluiceError } from '../common/index.ts';
import { AzureKeyVaultSecretStore, type ManagedIdentityConfig } from './azure-key-vault-secret-store.ts';
import { ChainedSecretStore } from './chained-secret-store.ts';
import { DirectorySecretStore } from './directory-secret-store.ts';
import { EnvSecretStore } from './env-secret-store.ts';
import { resolveSecretsDir } from './resolve-secrets-dir.ts';
import type { SecretStore } from './secret-store.ts';

export type SecretStoreConfig =
  | { readonly provider: 'directory'; readonly dir?: string }
  | { readonly provider: 'env'; readonly prefix?: string }
  | {
    readonly provider: 'azure-keyvault';
    readonly vaultUrl?: string;
    readonly managedIdentity?: ManagedIdentityConfig;
    readonly caCertificates?: string;
    readonly disableChallengeResourceVerification?: boolean;
    readonly maxRetries?: number;
  }
  | { readonly provider: 'chain'; readonly stores: readonly SecretStoreConfig[] };

export interface SecretStoreContext {
  /** Base for a relative `dir` and for the default `./secrets`. Default: current directory. */
  projectDir?: string;
  /** Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export const SECRETS_PROVIDER_ENV = 'SLUICE_SECRETS_PROVIDER';
export const KEYVAULT_URL_ENV = 'SLUICE_KEYVAULT_URL';
export const MANAGED_IDENTITY_ENV = 'SLUICE_MANAGED_IDENTITY';
/**
 * Opt-in, for a vault endpoint outside the cloud's vault domain (a private gateway, a loopback test fake):
 * turns off the SDK's check that the 401 challenge's resource belongs to the vault's domain. That check
 * keeps a wrong vault URL from being handed a token for another resource, so it is never on by default
 * and is refused unless SLUICE_KEYVAULT_URL names the endpoint explicitly.
 */
export const KEYVAULT_DISABLE_CHALLENGE_VERIFICATION_ENV = 'SLUICE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION';

export function createSecretStore(config: SecretStoreConfig = { provider: 'directory' }, context: SecretStoreContext = {}): SecretStore {
  switch (config.provider) {
    case 'directory':
      return new DirectorySecretStore(resolveSecretsDir({ dir: config.dir, projectDir: context.projectDir, ...(context.env ? { env: context.env } : {}) }));
    case 'env':
      return new EnvSecretStore({ ...(context.env ? { env: context.env } : {}), ...(config.prefix ? { prefix: config.prefix } : {}) });
    case 'azure-keyvault': {
      const { provider: _provider, ...options } = config;
      return new AzureKeyVaultSecretStore(options);
    }
    case 'chain':
      return new ChainedSecretStore(config.stores.map((c) => createSecretStore(c, context)));
  }
}

/**
 * The config from environment variables: SLUICE_SECRETS_PROVIDER (directory | env | azure-keyvault,
 * default directory), SLUICE_SECRETS_DIR, SLUICE_KEYVAULT_URL, SLUICE_MANAGED_IDENTITY (`system` or a
 * user-assigned identity's client id; unset = DefaultAzureCredential).
 */
export function secretStoreConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): SecretStoreConfig {
  const provider = env[SECRETS_PROVIDER_ENV] ?? 'directory';
  const identity = env[MANAGED_IDENTITY_ENV];
  const raw: Record<string, unknown> = { provider };
  if (provider === 'azure-keyvault') {
    if (env[KEYVAULT_URL_ENV]) raw['vaultUrl'] = env[KEYVAULT_URL_ENV];
    const disable = env[KEYVAULT_DISABLE_CHALLENGE_VERIFICATION_ENV];
    if (disable !== undefined && disable !== '') {
      if (!/^(1|true|0|false)$/i.test(disable)) {
        throw new SluiceError('SLUICE_SECRET_CONFIG_INVALID', `${KEYVAULT_DISABLE_CHALLENGE_VERIFICATION_ENV} must be 1/true or 0/false, got ${JSON.stringify(disable)}`, { domain: 'user' });
      }
      raw['disableChallengeResourceVerification'] = /^(1|true)$/i.test(disable);
    }
    if (identity) raw['managedIdentity'] = identity === 'system' ? { type: 'system-assigned' } : { type: 'user-assigned', clientId: identity };
  }
  return parseSecretStoreConfig(raw, SECRETS_PROVIDER_ENV);
}

/** Validates a config object read from a file or the environment; `where` names it in errors. */
export function parseSecretStoreConfig(value: unknown, where = 'secrets config'): SecretStoreConfig {
  const fail = (message: string): never => {
    throw new SluiceError('SLUICE_SECRET_CONFIG_INVALID', `${where}: ${message}`, {
      domain: 'user', hint: "provider is one of 'directory' (dir), 'env' (prefix), 'azure-keyvault' (vaultUrl, managedIdentity) or 'chain' (stores)",
    });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected an object');
  const o = value as Record<string, unknown>;
  const optionalString = (key: string): string | undefined => {
    const v = o[key];
    if (v !== undefined && typeof v !== 'string') fail(`'${key}' must be a string`);
    return v as string | undefined;
  };
  switch (o['provider']) {
    case 'directory': {
      const dir = optionalString('dir');
      return dir === undefined ? { provider: 'directory' } : { provider: 'directory', dir };
    }
    case 'env': {
      const prefix = optionalString('prefix');
      return prefix === undefined ? { provider: 'env' } : { provider: 'env', prefix };
    }
    case 'azure-keyvault': {
      const vaultUrl = optionalString('vaultUrl');
      if (vaultUrl !== undefined && !/^https:\/\//.test(vaultUrl)) fail(`'vaultUrl' must be an https:// URL, got ${JSON.stringify(vaultUrl)}`);
      const mi = o['managedIdentity'];
      let managedIdentity: ManagedIdentityConfig | undefined;
      if (mi !== undefined) {
        const m = (typeof mi === 'object' && mi !== null ? mi : {}) as Record<string, unknown>;
        if (m['type'] === 'system-assigned') managedIdentity = { type: 'system-assigned' };
        else if (m['type'] === 'user-assigned' && typeof m['clientId'] === 'string' && m['clientId'].length > 0) managedIdentity = { type: 'user-assigned', clientId: m['clientId'] };
        else fail("'managedIdentity' must be {type: 'system-assigned'} or {type: 'user-assigned', clientId: '<client id>'}");
      }
      const disable = o['disableChallengeResourceVerification'];
      if (disable !== undefined && typeof disable !== 'boolean') fail("'disableChallengeResourceVerification' must be true or false");
      if (disable === true && vaultUrl === undefined) {
        fail("'disableChallengeResourceVerification' needs an explicit 'vaultUrl' (SLUICE_KEYVAULT_URL): the vaults of the Azure clouds never need it, and it must not weaken them");
      }
      return {
        provider: 'azure-keyvault', ...(vaultUrl ? { vaultUrl } : {}), ...(managedIdentity ? { managedIdentity } : {}),
        ...(disable === true ? { disableChallengeResourceVerification: true } : {}),
      };
    }
    case 'chain': {
      const stores = o['stores'];
      if (!Array.isArray(stores) || stores.length === 0) return fail("'stores' must be a non-empty array");
      return { provider: 'chain', stores: stores.map((s, i) => parseSecretStoreConfig(s, `${where}.stores[${i}]`)) };
    }
    default:
      return fail(`unknown provider ${JSON.stringify(o['provider'])}`);
  }
}
