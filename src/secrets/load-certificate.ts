// Loads a client or server certificate (optionally followed by its chain) from a PEM secret and checks
// it before any connection is tried: PEM format, parseable, inside its validity window, and warns when
// it expires within 7 days.
import { X509Certificate } from 'node:crypto';
import { SluiceError } from '../common/index.ts';
import { certificateInfo, expiryWarning, validityError, type CertificateCheckOptions, type CertificateInfo } from './certificate-validity.ts';
import { pemError, requirePemBlocks, type KeyMaterial } from './key-material.ts';
import { formatSecretRef, type SecretRef } from './secret-store.ts';
import type { SecretWarning } from './secret-warning.ts';

export interface LoadedCertificate {
  readonly ref: SecretRef;
  /** The certificate blocks only (leaf first), ready for a TLS client's `cert`. */
  readonly pem: string;
  readonly leaf: X509Certificate;
  /** Leaf first, then the chain as stored. */
  readonly certificates: readonly X509Certificate[];
  readonly info: CertificateInfo;
  readonly warnings: readonly SecretWarning[];
}

/** `ref` names the secret in messages; a SecretValue can be passed as both arguments. */
export function loadCertificate(material: KeyMaterial, ref: SecretRef, options: CertificateCheckOptions = {}): LoadedCertificate {
  const blocks = requirePemBlocks(material, ref, 'certificate').filter((b) => b.label === 'CERTIFICATE');
  if (blocks.length === 0) {
    throw new SluiceError('SLUICE_SECRET_CERT_MISSING', `${formatSecretRef(ref)} holds no certificate (no -----BEGIN CERTIFICATE----- block)`, {
      domain: 'user', details: { vault: ref.vault, secret: ref.name }, hint: 'is this the private key secret? the certificate goes in its own secret',
    });
  }
  const now = options.now ?? new Date();
  const certificates = blocks.map((b, i) => {
    try {
      return new X509Certificate(b.pem);
    } catch (err) {
      throw pemError(ref, 'certificate', i, err);
    }
  });
  const warnings: SecretWarning[] = [];
  certificates.forEach((cert, i) => {
    const role = i === 0 ? 'certificate' : `chain certificate ${i}`;
    const error = validityError(cert, ref, role, now);
    if (error) throw error;
    const warning = expiryWarning(cert, ref, role, { ...options, now });
    if (warning) warnings.push(warning);
  });
  for (const w of warnings) options.onWarning?.(w);
  const leaf = certificates[0] as X509Certificate;
  return { ref, pem: blocks.map((b) => b.pem).join(''), leaf, certificates, info: certificateInfo(leaf), warnings };
}
