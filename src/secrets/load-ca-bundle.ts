// Loads a trust store (one CA certificate, like Let's Encrypt's ISRG Root X1, or a bundle of them) from
// a PEM secret. Bundles routinely carry an old expired root next to its successor, so an expired CA is
// only a warning as long as at least one certificate in the bundle is currently valid.
import { X509Certificate } from 'node:crypto';
import { SluiceError } from '../common/index.ts';
import { certificateInfo, expiryWarning, validityError, validityState, type CertificateCheckOptions } from './certificate-validity.ts';
import { pemError, requirePemBlocks, type KeyMaterial } from './key-material.ts';
import { formatSecretRef, type SecretRef } from './secret-store.ts';
import type { SecretWarning } from './secret-warning.ts';

export interface LoadedCaBundle {
  readonly ref: SecretRef;
  /** The currently valid CA certificates as PEM, ready for a TLS client's `ca`. */
  readonly pem: string;
  readonly certificates: readonly X509Certificate[];
  readonly warnings: readonly SecretWarning[];
}

export function loadCaBundle(material: KeyMaterial, ref: SecretRef, options: CertificateCheckOptions = {}): LoadedCaBundle {
  const blocks = requirePemBlocks(material, ref, 'CA bundle').filter((b) => b.label === 'CERTIFICATE');
  if (blocks.length === 0) {
    throw new SluiceError('SLUICE_SECRET_CERT_MISSING', `${formatSecretRef(ref)} holds no CA certificate (no -----BEGIN CERTIFICATE----- block)`, {
      domain: 'user', details: { vault: ref.vault, secret: ref.name },
    });
  }
  const now = options.now ?? new Date();
  const warnings: SecretWarning[] = [];
  const valid: { cert: X509Certificate; pem: string }[] = [];
  let firstError: SluiceError | undefined;
  blocks.forEach((b, i) => {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(b.pem);
    } catch (err) {
      throw pemError(ref, 'CA bundle', i, err);
    }
    const role = blocks.length === 1 ? 'CA certificate' : `CA certificate ${i + 1}`;
    if (validityState(cert, now) !== 'valid') {
      firstError ??= validityError(cert, ref, role, now);
      const info = certificateInfo(cert);
      warnings.push({
        code: 'SLUICE_SECRET_CA_CERT_EXPIRED',
        message: `${role} in ${formatSecretRef(ref)} (${info.subject}) is outside its validity (${info.validFrom.toISOString()} to ${info.validTo.toISOString()}) and is ignored`,
        ref: { vault: ref.vault, name: ref.name },
        expiresAt: info.validTo,
      });
      return;
    }
    const warning = expiryWarning(cert, ref, role, { ...options, now });
    if (warning) warnings.push(warning);
    valid.push({ cert, pem: b.pem });
  });
  if (valid.length === 0 && firstError) throw firstError;
  for (const w of warnings) options.onWarning?.(w);
  return { ref, pem: valid.map((v) => v.pem).join(''), certificates: valid.map((v) => v.cert), warnings };
}
