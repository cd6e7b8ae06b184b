import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CredentialUnavailableError } from '@azure/identity';
import { SluiceError } from '../common/index.ts';
import { mapAzureError } from './azure-error.ts';

const ref = { vault: 'kv-prod', name: 'kafka-ca' };
const url = 'https://kv-prod.vault.azure.net';

function restError(statusCode: number | undefined, message: string, code?: string): Error {
  return Object.assign(new Error(message), { name: 'RestError', statusCode, code });
}

describe('mapAzureError', () => {
  it('says a missing managed identity is a configuration problem', () => {
    const err = mapAzureError(new CredentialUnavailableError('ManagedIdentityCredential: Authentication failed.'), ref, url);
    assert.equal(err.code, 'SLUICE_SECRET_CREDENTIAL_FAILED');
    assert.equal(err.domain, 'user');
    assert.match(err.hint ?? '', /managed identity/);
  });

  it('treats an unreachable identity endpoint as retryable', () => {
    const err = mapAzureError(new CredentialUnavailableError('ManagedIdentityCredential: Network unreachable. Message: x'), ref, url);
    assert.equal(err.retryable, true);
  });

  it('recognises a disabled secret', () => {
    const err = mapAzureError(restError(403, 'Operation get is not allowed on a disabled secret.', 'Forbidden'), ref, url);
    assert.equal(err.code, 'SLUICE_SECRET_DISABLED');
  });

  it('maps throttling and server errors to retryable unavailability', () => {
    for (const status of [429, 500, 503]) {
      const err = mapAzureError(restError(status, 'busy'), ref, url);
      assert.equal(err.code, 'SLUICE_SECRET_UNAVAILABLE');
      assert.equal(err.retryable, true);
      assert.equal(err.details['status'], status);
    }
  });

  it('points at the KeyVaultName when the vault host does not resolve', () => {
    const err = mapAzureError(restError(undefined, 'getaddrinfo ENOTFOUND kv-prod.vault.azure.net', 'ENOTFOUND'), ref, url);
    assert.equal(err.code, 'SLUICE_SECRET_UNAVAILABLE');
    assert.match(err.hint ?? '', /KeyVaultName/);
  });

  it('passes SluiceErrors through unchanged', () => {
    const original = new SluiceError('SLUICE_SECRET_NAME_INVALID', 'x', { domain: 'user' });
    assert.equal(mapAzureError(original, ref, url), original);
  });
});
