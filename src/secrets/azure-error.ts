// Turns what the Azure SDK throws into SluiceErrors that say what to do: a 403 is a missing role
// assignment on the vault, a 404 a missing secret, a failed token a missing or misconfigured managed
// identity, and anything on the wire a retryable outage.
import { SluiceError } from '../common/index.ts';
import { redactSecrets } from './secret-redactor.ts';
import { formatSecretRef, type SecretRef } from './secret-store.ts';

interface RestErrorLike {
  name: string;
  message: string;
  statusCode?: number;
  code?: string;
}

function asErrorLike(err: unknown): RestErrorLike {
  if (err instanceof Error) {
    const e = err as Error & { statusCode?: unknown; code?: unknown };
    return {
      name: e.name,
      message: e.message,
      ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
    };
  }
  return { name: 'unknown', message: String(err) };
}

// Messages from the SDK never carry a secret value, but they pass the redactor anyway and are cut
// short: a log line is no place for an HTML error page.
function sdkMessage(e: RestErrorLike): string {
  const first = redactSecrets(e.message).split('\n')[0] ?? '';
  return first.length > 300 ? `${first.slice(0, 300)}…` : first;
}

export function mapAzureError(err: unknown, ref: SecretRef, vaultUrl: string): SluiceError {
  if (err instanceof SluiceError) return err;
  const e = asErrorLike(err);
  const details = { vault: ref.vault, secret: ref.name, vaultUrl, ...(e.statusCode ? { status: e.statusCode } : {}), ...(e.code ? { azureCode: e.code } : {}) };
  const what = formatSecretRef(ref);

  if (e.name === 'CredentialUnavailableError' || e.name === 'AuthenticationError' || e.name === 'AggregateAuthenticationError') {
    const network = /network unreachable|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH/i.test(e.message);
    return new SluiceError('SLUICE_SECRET_CREDENTIAL_FAILED', `cannot get an access token to read ${what}: ${sdkMessage(e)}`, {
      domain: network ? 'external' : 'user', cause: err, details,
      hint: 'on Azure, enable a managed identity for the job (system-assigned, or user-assigned with its client id in the secrets config); off Azure, sign in with `az login` or set AZURE_TENANT_ID/AZURE_CLIENT_ID/AZURE_CLIENT_SECRET',
    });
  }
  if (e.statusCode === 403) {
    if (/disabled/i.test(e.message)) {
      return new SluiceError('SLUICE_SECRET_DISABLED', `${what} is disabled in Key Vault`, {
        domain: 'user', cause: err, details, hint: `enable it: az keyvault secret set-attributes --vault-name ${ref.vault} --name ${ref.name} --enabled true`,
      });
    }
    return new SluiceError('SLUICE_SECRET_ACCESS_DENIED', `the job's identity lacks the 'Key Vault Secrets User' role on vault '${ref.vault}' (reading ${what} was forbidden)`, {
      domain: 'user', cause: err, details,
      hint: `assign it: az role assignment create --role "Key Vault Secrets User" --assignee <principal id of the job's managed identity> --scope $(az keyvault show --name ${ref.vault} --query id -o tsv); for a vault using access policies, grant 'get' on secrets instead`,
    });
  }
  if (e.statusCode === 404) {
    return new SluiceError('SLUICE_SECRET_NOT_FOUND', `${what} not found in Key Vault (${vaultUrl})`, {
      domain: 'user', cause: err, details,
      hint: `upload it: az keyvault secret set --vault-name ${ref.vault} --name ${ref.name} --file <path to PEM file>`,
    });
  }
  if (e.statusCode === 401) {
    return new SluiceError('SLUICE_SECRET_CREDENTIAL_FAILED', `Key Vault '${ref.vault}' rejected the access token while reading ${what}: ${sdkMessage(e)}`, {
      domain: 'user', cause: err, details, hint: "check that the identity belongs to the vault's tenant",
    });
  }
  if (e.statusCode === 400) {
    return new SluiceError('SLUICE_SECRET_REQUEST_INVALID', `Key Vault rejected the request for ${what}: ${sdkMessage(e)}`, {
      domain: 'user', cause: err, details,
    });
  }
  if (/challenge resource '.*' does not match the requested domain/.test(e.message)) {
    return new SluiceError('SLUICE_SECRET_CHALLENGE_MISMATCH', `Key Vault at ${vaultUrl} asked for a token of a resource outside its domain (reading ${what}): ${sdkMessage(e)}`, {
      domain: 'user', cause: err, details,
      hint: 'check the vault URL (SLUICE_KEYVAULT_URL); only for a private gateway or a test fake you trust, set SLUICE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION=1',
    });
  }
  if (e.statusCode === undefined && e.code === 'ENOTFOUND') {
    return new SluiceError('SLUICE_SECRET_UNAVAILABLE', `cannot resolve Key Vault '${ref.vault}' at ${vaultUrl} (reading ${what})`, {
      domain: 'external', cause: err, details, hint: 'check the KeyVaultName of the input/output, or the vaultUrl of the secrets config for other clouds',
    });
  }
  return new SluiceError('SLUICE_SECRET_UNAVAILABLE', `Key Vault '${ref.vault}' unavailable while reading ${what}: ${sdkMessage(e)}`, {
    domain: 'external', retryable: true, cause: err, details,
  });
}
