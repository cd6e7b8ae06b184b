// Loads a private key from a PEM secret (PKCS#8, PKCS#1 RSA or SEC1 EC; encrypted PKCS#8 with a
// passphrase) and checks that it belongs to the certificate it will be presented with, so a mixed-up
// key fails at start-up with both secret names rather than as an opaque TLS handshake error.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SluiceError } from '../common/index.ts';
import { pemError, requirePemBlocks, type KeyMaterial } from './key-material.ts';
import type { LoadedCertificate } from './load-certificate.ts';
import { formatSecretRef, type SecretRef } from './secret-store.ts';

export interface LoadedPrivateKey {
  readonly ref: SecretRef;
  /** The key block as stored (still encrypted if it was), for a TLS client's `key`. */
  readonly pem: string;
  readonly key: KeyObject;
  /** 'rsa', 'ec', 'ed25519', … */
  readonly type: string;
  readonly encrypted: boolean;
}

export interface PrivateKeyOptions {
  /** For ENCRYPTED PRIVATE KEY blocks (the librdkafka `ssl.key.password`). */
  passphrase?: string;
}

const KEY_LABEL = /^(?:ENCRYPTED |RSA |EC )?PRIVATE KEY$/;

export function loadPrivateKey(material: KeyMaterial, ref: SecretRef, options: PrivateKeyOptions = {}): LoadedPrivateKey {
  const blocks = requirePemBlocks(material, ref, 'private key');
  const index = blocks.findIndex((b) => KEY_LABEL.test(b.label));
  const block = blocks[index];
  const details = { vault: ref.vault, secret: ref.name };
  if (!block) {
    throw new SluiceError('SLUICE_SECRET_KEY_MISSING', `${formatSecretRef(ref)} holds no private key (no -----BEGIN PRIVATE KEY----- block)`, {
      domain: 'user', details, hint: 'is this the certificate secret? the private key goes in its own secret, or after the certificate in the same PEM',
    });
  }
  const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(block.pem);
  if (encrypted && !options.passphrase) {
    throw new SluiceError('SLUICE_SECRET_KEY_ENCRYPTED', `the private key in ${formatSecretRef(ref)} is encrypted and no key password was configured`, {
      domain: 'user', details, hint: 'configure the key password secret, or decrypt the key: openssl pkey -in key.pem -out key-plain.pem',
    });
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: block.pem, format: 'pem', ...(options.passphrase ? { passphrase: options.passphrase } : {}) });
  } catch (err) {
    if (encrypted) {
      throw new SluiceError('SLUICE_SECRET_KEY_PASSPHRASE_WRONG', `cannot decrypt the private key in ${formatSecretRef(ref)}: the key password does not match`, {
        domain: 'user', details, cause: err,
      });
    }
    throw pemError(ref, 'private key', index, err);
  }
  return { ref, pem: block.pem, key, type: key.asymmetricKeyType ?? 'unknown', encrypted };
}

/** Throws SLUICE_SECRET_KEY_MISMATCH when the key is not the certificate's. */
export function assertKeyMatchesCertificate(certificate: LoadedCertificate, key: LoadedPrivateKey): void {
  if (certificate.leaf.checkPrivateKey(key.key)) return;
  throw new SluiceError('SLUICE_SECRET_KEY_MISMATCH',
    `the private key in ${formatSecretRef(key.ref)} does not belong to the certificate in ${formatSecretRef(certificate.ref)} (${certificate.info.subject})`, {
      domain: 'user',
      details: { certVault: certificate.ref.vault, certSecret: certificate.ref.name, keyVault: key.ref.vault, keySecret: key.ref.name },
      hint: 'compare them: openssl x509 -in cert.pem -noout -pubkey and openssl pkey -in key.pem -pubout must print the same key',
    });
}
