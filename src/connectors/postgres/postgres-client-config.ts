// The pg connection settings of an output: host, port, database, user, the password read from the secret
// store at every connect (so a rotated password is picked up on reconnect), and TLS per SslMode as libpq
// defines the modes (disable, prefer, require: encrypted but unverified, verify-ca: the CA is checked,
// verify-full: the CA and the host name are checked).
import type { ClientConfig } from 'pg';
import { SluiceError } from '../../common/index.ts';
import { registerSecretValue } from '../../secrets/index.ts';
import type { PostgresSinkOptions } from './postgres-sink-options.ts';

export async function resolvePassword(options: PostgresSinkOptions): Promise<string | undefined> {
  const p = options.password;
  if (p === undefined) return undefined;
  if (p.kind === 'inline') return p.value;
  if (!options.keyVaultName) {
    throw new SluiceError('SLUICE_POSTGRES_CONFIG', `the password is a secret ("${p.name}") but KeyVaultName is not set`, {
      domain: 'user', hint: 'set KeyVaultName to the vault (a folder of the local secret store, or an Azure Key Vault) that holds it',
    });
  }
  if (options.secretStore === undefined) {
    throw new SluiceError('SLUICE_POSTGRES_CONFIG', `the password is a secret ("${p.name}") but no secret store was given to the output`, { domain: 'internal' });
  }
  const value = (await options.secretStore.get(options.keyVaultName, p.name)).value;
  registerSecretValue(value);
  return value;
}

/** TLS settings for pg; `prefer` is tried with TLS first (see PostgresSink's connect). */
export function tlsConfig(options: PostgresSinkOptions): ClientConfig['ssl'] {
  switch (options.sslMode) {
    case 'disable':
      return false;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { rejectUnauthorized: true, ...(options.caPem ? { ca: options.caPem } : {}), checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true, ...(options.caPem ? { ca: options.caPem } : {}) };
  }
}

export async function clientConfig(options: PostgresSinkOptions, ssl: ClientConfig['ssl']): Promise<ClientConfig> {
  const config: ClientConfig = {
    host: options.server,
    port: options.port,
    database: options.database,
    ssl,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'sluice',
  };
  if (options.username !== undefined) config.user = options.username;
  const password = await resolvePassword(options);
  if (password !== undefined) config.password = password;
  return config;
}
