// Tries several stores in order and returns the first that has the secret, e.g. environment variables
// overriding a secrets folder. Only "not found" falls through: a permission or network failure in an
// earlier store is reported, never silently masked by a stale value from a later one.
import { SluiceError, isSluiceError } from '../common/index.ts';
import { formatSecretRef, type SecretStore, type SecretValue } from './secret-store.ts';

export class ChainedSecretStore implements SecretStore {
  readonly stores: readonly SecretStore[];

  constructor(stores: readonly SecretStore[]) {
    if (stores.length === 0) {
      throw new SluiceError('SLUICE_SECRET_CONFIG_INVALID', 'a chained secret store needs at least one store', { domain: 'user' });
    }
    this.stores = stores;
  }

  async get(vault: string, name: string): Promise<SecretValue> {
    for (const store of this.stores) {
      try {
        return await store.get(vault, name);
      } catch (err) {
        if (isSluiceError(err) && (err.code === 'SLUICE_SECRET_NOT_FOUND' || err.code === 'SLUICE_SECRET_NAME_INVALID')) continue;
        throw err;
      }
    }
    throw new SluiceError('SLUICE_SECRET_NOT_FOUND', `${formatSecretRef({ vault, name })} not found in any of: ${this.describe()}`, {
      domain: 'user', details: { vault, secret: name },
    });
  }

  describe(): string {
    return this.stores.map((s) => s.describe()).join('; then ');
  }
}
