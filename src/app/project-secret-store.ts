// The secret store a project's jobs read from: chosen by the environment (SLUICE_SECRETS_PROVIDER …, see
// docs/secrets.md; the project's ./secrets folder by default), with the job's managed identity from
// JobConfig.json used for Azure Key Vault when the environment names none — as ASA reads Key Vault with
// the job's identity.
import type { JobSpec } from '../job/index.ts';
import { createSecretStore, secretStoreConfigFromEnv, type SecretStore } from '../secrets/index.ts';

export function projectSecretStore(job: JobSpec, projectDir: string, env: NodeJS.ProcessEnv = process.env): SecretStore {
  const config = secretStoreConfigFromEnv(env);
  if (config.provider === 'azure-keyvault' && !config.managedIdentity && job.config.identity.type !== 'None') {
    const identity = job.config.identity;
    return createSecretStore({
      ...config,
      managedIdentity: identity.type === 'UserAssigned' ? { type: 'user-assigned', clientId: identity.clientId } : { type: 'system-assigned' },
    }, { projectDir, env });
  }
  return createSecretStore(config, { projectDir, env });
}
