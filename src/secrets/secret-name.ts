// Name rules for vaults and secrets. Local stores turn names into paths and variable names, so a name
// must never be able to climb out of its folder; Key Vault has stricter rules of its own, checked
// up front so a typo fails with a clear message instead of a DNS error.
import { SluiceError } from '../common/index.ts';

// Letters, digits, '.', '_' and '-', not starting with '.' (hidden files, and Kubernetes' own
// `..data` entries in a secret mount), no '..' anywhere, no separators.
const LOCAL_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,126}$/;

/** Azure: vault names are 3–24 letters, digits and single hyphens, starting with a letter. */
const AZURE_VAULT_NAME = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;
/** Azure: secret names are 1–127 letters, digits and hyphens. */
const AZURE_SECRET_NAME = /^[A-Za-z0-9-]{1,127}$/;

export function assertLocalName(kind: 'vault' | 'secret', value: string): void {
  if (!LOCAL_NAME.test(value) || value.includes('..')) {
    throw new SluiceError('SLUICE_SECRET_NAME_INVALID', `invalid ${kind} name ${JSON.stringify(value)}`, {
      domain: 'user',
      hint: `${kind} names are 1-127 letters, digits, '.', '_' or '-', must not start with '.', contain '..' or a path separator`,
      details: { kind },
    });
  }
}

export function assertAzureVaultName(value: string): void {
  if (!AZURE_VAULT_NAME.test(value)) {
    throw new SluiceError('SLUICE_SECRET_NAME_INVALID', `invalid Key Vault name ${JSON.stringify(value)}`, {
      domain: 'user',
      hint: 'a Key Vault name is 3-24 letters, digits and single hyphens, starts with a letter and ends with a letter or digit',
      details: { kind: 'vault' },
    });
  }
}

export function assertAzureSecretName(value: string): void {
  if (!AZURE_SECRET_NAME.test(value)) {
    throw new SluiceError('SLUICE_SECRET_NAME_INVALID', `invalid Key Vault secret name ${JSON.stringify(value)}`, {
      domain: 'user',
      hint: 'a Key Vault secret name is 1-127 letters, digits and hyphens',
      details: { kind: 'secret' },
    });
  }
}
