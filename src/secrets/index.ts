// secrets: the SecretStore interface and its providers (directory, env, Azure Key Vault), PEM checks, rotation and redaction.
export type { SecretRef, SecretStore, SecretValue } from './secret-store.ts';
export { formatSecretRef } from './secret-store.ts';
export { DirectorySecretStore } from './directory-secret-store.ts';
export { writeSecret } from './write-secret.ts';
export { resolveSecretsDir, SECRETS_DIR_ENV, DEFAULT_SECRETS_DIR } from './resolve-secrets-dir.ts';
export type { ResolveSecretsDirOptions } from './resolve-secrets-dir.ts';
export { EnvSecretStore, envVariableName, DEFAULT_ENV_PREFIX } from './env-secret-store.ts';
export type { EnvSecretStoreOptions } from './env-secret-store.ts';
export { AzureKeyVaultSecretStore, createAzureCredential, DEFAULT_VAULT_URL_TEMPLATE } from './azure-key-vault-secret-store.ts';
export type { AzureKeyVaultSecretStoreOptions, ManagedIdentityConfig } from './azure-key-vault-secret-store.ts';
export { ChainedSecretStore } from './chained-secret-store.ts';
export {
  createSecretStore, parseSecretStoreConfig, secretStoreConfigFromEnv,
  SECRETS_PROVIDER_ENV, KEYVAULT_URL_ENV, MANAGED_IDENTITY_ENV, KEYVAULT_DISABLE_CHALLENGE_VERIFICATION_ENV,
} from './create-secret-store.ts';
export type { SecretStoreConfig, SecretStoreContext } from './create-secret-store.ts';
export { detectKeyMaterialFormat, conversionHint } from './detect-key-material-format.ts';
export type { DetectedFormat, KeyMaterialFormat } from './detect-key-material-format.ts';
export type { KeyMaterial } from './key-material.ts';
export { certificateInfo, DEFAULT_EXPIRY_WARNING_DAYS } from './certificate-validity.ts';
export type { CertificateCheckOptions, CertificateInfo } from './certificate-validity.ts';
export { loadCertificate } from './load-certificate.ts';
export type { LoadedCertificate } from './load-certificate.ts';
export { loadPrivateKey, assertKeyMatchesCertificate } from './load-private-key.ts';
export type { LoadedPrivateKey, PrivateKeyOptions } from './load-private-key.ts';
export { loadCaBundle } from './load-ca-bundle.ts';
export type { LoadedCaBundle } from './load-ca-bundle.ts';
export type { SecretWarning, SecretWarningHook } from './secret-warning.ts';
export { SecretWatcher, DEFAULT_WATCH_INTERVAL_MS, DEFAULT_EXPIRY_LEAD_MS } from './secret-watcher.ts';
export type { SecretChange, SecretWatcherEvents, SecretWatcherOptions, WatchedSecret } from './secret-watcher.ts';
export { SecretRedactor, secretRedactor, registerSecretValue, redactSecrets } from './secret-redactor.ts';
export { setSecret } from './set-secret.ts';
export type { SetSecretOptions, SetSecretResult } from './set-secret.ts';
export { checkCertificateSecret } from './check-certificate-secret.ts';
export type { CertificateCheckReport, CheckCertificateSecretOptions } from './check-certificate-secret.ts';
