// Reads secrets from Azure Key Vault with the official SDK, the way an ASA job does: vault
// `<KeyVaultName>` → https://<name>.vault.azure.net, authenticated as the job's managed identity
// (system-assigned, or user-assigned by client id), or with DefaultAzureCredential when no identity is
// configured (a developer machine signed in with `az login`, a CI service principal).
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import type { SecretClientOptions } from '@azure/keyvault-secrets';
import { mapAzureError } from './azure-error.ts';
import { registerSecretValue } from './secret-redactor.ts';
import { assertAzureSecretName, assertAzureVaultName } from './secret-name.ts';
import type { SecretStore, SecretValue } from './secret-store.ts';

export const DEFAULT_VAULT_URL_TEMPLATE = 'https://{vault}.vault.azure.net';

/** Which identity reads the vault. Absent: DefaultAzureCredential. */
export type ManagedIdentityConfig =
  | { readonly type: 'system-assigned' }
  | { readonly type: 'user-assigned'; readonly clientId: string };

export interface AzureKeyVaultSecretStoreOptions {
  /**
   * Vault URL, with `{vault}` replaced by the KeyVaultName. Default https://{vault}.vault.azure.net;
   * other clouds: https://{vault}.vault.azure.cn, https://{vault}.vault.usgovcloudapi.net. A URL
   * without `{vault}` sends every vault to that one endpoint (tests, private gateways).
   */
  vaultUrl?: string;
  managedIdentity?: ManagedIdentityConfig;
  /** Overrides the credential entirely (tests, embedding applications). */
  credential?: TokenCredential;
  /** PEM CA certificates to trust for the vault endpoint instead of the public roots (private CA, tests). */
  caCertificates?: string;
  /**
   * The SDK checks that the 401 challenge's resource matches the vault's domain; endpoints not under
   * the cloud's vault domain (a private gateway, a test fake) need this set to true. Opt-in only (env
   * SLUICE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION=1 with SLUICE_KEYVAULT_URL, see
   * create-secret-store.ts): it lets the endpoint pick the resource the token is for.
   */
  disableChallengeResourceVerification?: boolean;
  /** SDK retries per request; default the SDK's (3). */
  maxRetries?: number;
}

export function createAzureCredential(identity: ManagedIdentityConfig | undefined): TokenCredential {
  if (identity === undefined) return new DefaultAzureCredential();
  if (identity.type === 'user-assigned') return new ManagedIdentityCredential({ clientId: identity.clientId });
  return new ManagedIdentityCredential();
}

export class AzureKeyVaultSecretStore implements SecretStore {
  readonly #options: AzureKeyVaultSecretStoreOptions;
  readonly #clients = new Map<string, SecretClient>();
  #credential: TokenCredential | undefined;

  constructor(options: AzureKeyVaultSecretStoreOptions = {}) {
    this.#options = options;
    this.#credential = options.credential;
  }

  vaultUrlOf(vault: string): string {
    const template = this.#options.vaultUrl ?? DEFAULT_VAULT_URL_TEMPLATE;
    if (template.includes('{vault}')) assertAzureVaultName(vault);
    return template.replaceAll('{vault}', vault.toLowerCase());
  }

  async get(vault: string, name: string): Promise<SecretValue> {
    assertAzureSecretName(name);
    const url = this.vaultUrlOf(vault);
    try {
      const secret = await this.#client(url).getSecret(name);
      const value = secret.value ?? '';
      registerSecretValue(value);
      const p = secret.properties;
      return {
        vault, name, value,
        bytes: new TextEncoder().encode(value),
        version: p.version ?? '',
        readAt: new Date(),
        source: `azure key vault ${url} secret ${name}${p.version ? ` version ${p.version}` : ''}`,
        ...(p.expiresOn ? { expiresOn: p.expiresOn } : {}),
        ...(p.contentType ? { contentType: p.contentType } : {}),
      };
    } catch (err) {
      throw mapAzureError(err, { vault, name }, url);
    }
  }

  describe(): string {
    const id = this.#options.credential ? 'a provided credential'
      : this.#options.managedIdentity?.type === 'user-assigned' ? `user-assigned managed identity ${this.#options.managedIdentity.clientId}`
      : this.#options.managedIdentity?.type === 'system-assigned' ? 'system-assigned managed identity'
      : 'DefaultAzureCredential';
    const unverified = this.#options.disableChallengeResourceVerification ? ', challenge resource verification OFF' : '';
    return `azure key vault secret store (${this.#options.vaultUrl ?? DEFAULT_VAULT_URL_TEMPLATE}, ${id}${unverified})`;
  }

  #client(url: string): SecretClient {
    let client = this.#clients.get(url);
    if (!client) {
      // Created lazily so that a job with no Key Vault secret never probes for an identity.
      this.#credential ??= createAzureCredential(this.#options.managedIdentity);
      const o = this.#options;
      const clientOptions: SecretClientOptions = {
        ...(o.disableChallengeResourceVerification ? { disableChallengeResourceVerification: true } : {}),
        ...(o.caCertificates ? { tlsOptions: { ca: o.caCertificates } } : {}),
        ...(o.maxRetries !== undefined ? { retryOptions: { maxRetries: o.maxRetries } } : {}),
      };
      client = new SecretClient(url, this.#credential, clientOptions);
      this.#clients.set(url, client);
    }
    return client;
  }
}
