// `sluice secrets check`: reads a certificate secret and runs the same checks a job does at start-up
// (PEM, validity, expiry warning, and key/certificate match when the PEM also holds the key), returning
// a report of public facts only — subject, issuer, dates, fingerprint — for the CLI to print.
import type { CertificateInfo } from './certificate-validity.ts';
import { DirectorySecretStore } from './directory-secret-store.ts';
import { loadCaBundle } from './load-ca-bundle.ts';
import { loadCertificate } from './load-certificate.ts';
import { assertKeyMatchesCertificate, loadPrivateKey } from './load-private-key.ts';
import { pemBlocks } from './pem-blocks.ts';
import { resolveSecretsDir } from './resolve-secrets-dir.ts';
import type { SecretStore } from './secret-store.ts';
import { certificateInfo } from './certificate-validity.ts';

export interface CheckCertificateSecretOptions {
  vault: string;
  name: string;
  /** Treat the secret as a CA bundle (expired roots are warnings while one valid root remains). */
  caBundle?: boolean;
  /** Read from this store; default the directory store at dir/SLUICE_SECRETS_DIR/./secrets. */
  store?: SecretStore;
  dir?: string | undefined;
  projectDir?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  now?: Date;
}

export interface CertificateCheckReport {
  /** Where the secret was read from (no value). */
  readonly source: string;
  readonly certificates: readonly CertificateInfo[];
  /** Present when the PEM also holds a private key, which was checked against the certificate. */
  readonly privateKey?: { readonly type: string; readonly matchesCertificate: true };
  readonly warnings: readonly string[];
}

export async function checkCertificateSecret(options: CheckCertificateSecretOptions): Promise<CertificateCheckReport> {
  const store = options.store ??
    new DirectorySecretStore(resolveSecretsDir({ dir: options.dir, projectDir: options.projectDir, ...(options.env ? { env: options.env } : {}) }));
  const secret = await store.get(options.vault, options.name);
  const checkOptions = options.now ? { now: options.now } : {};
  if (options.caBundle) {
    const bundle = loadCaBundle(secret, secret, checkOptions);
    return { source: secret.source, certificates: bundle.certificates.map(certificateInfo), warnings: bundle.warnings.map((w) => w.message) };
  }
  const cert = loadCertificate(secret, secret, checkOptions);
  const hasKey = pemBlocks(secret.value).some((b) => b.label.endsWith('PRIVATE KEY'));
  let privateKey: CertificateCheckReport['privateKey'];
  if (hasKey) {
    const key = loadPrivateKey(secret, secret);
    assertKeyMatchesCertificate(cert, key);
    privateKey = { type: key.type, matchesCertificate: true };
  }
  return {
    source: secret.source,
    certificates: cert.certificates.map(certificateInfo),
    ...(privateKey ? { privateKey } : {}),
    warnings: cert.warnings.map((w) => w.message),
  };
}
