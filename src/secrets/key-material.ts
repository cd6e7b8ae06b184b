// Shared front half of the PEM loaders: take a secret (or raw text/bytes), insist on PEM, and if it is
// something else say exactly what it is and how to convert it — ASA's own rule is "you must convert
// your Java Key Store to PEM format", and sluice enforces it with the commands to do so.
import { SluiceError } from '../common/index.ts';
import { conversionHint, detectKeyMaterialFormat } from './detect-key-material-format.ts';
import { pemBlocks, type PemBlock } from './pem-blocks.ts';
import { formatSecretRef, type SecretRef, type SecretValue } from './secret-store.ts';

/** What the loaders accept: a SecretValue from a store, or the material itself. */
export type KeyMaterial = SecretValue | string | Uint8Array;

export type MaterialKind = 'certificate' | 'private key' | 'CA bundle';

export function materialBytes(material: KeyMaterial): Uint8Array {
  if (typeof material === 'string') return new TextEncoder().encode(material);
  if (material instanceof Uint8Array) return material;
  return material.bytes;
}

/** The PEM blocks of the material; throws a format error naming the secret when it is not PEM. */
export function requirePemBlocks(material: KeyMaterial, ref: SecretRef, kind: MaterialKind): PemBlock[] {
  const bytes = materialBytes(material);
  const detected = detectKeyMaterialFormat(bytes);
  const what = formatSecretRef(ref);
  const details = { vault: ref.vault, secret: ref.name, format: detected.format, base64: detected.base64 };
  const hint = `${conversionHint(detected, kind)}; then store the PEM again (sluice secrets set ${ref.vault} ${ref.name} --file <pem> or az keyvault secret set --vault-name ${ref.vault} --name ${ref.name} --file <pem>)`;
  const b64 = detected.base64 ? 'base64-encoded ' : '';
  switch (detected.format) {
    case 'jks':
    case 'jceks':
      throw new SluiceError('SLUICE_SECRET_JAVA_KEYSTORE', `${what} holds a ${b64}Java Key Store (${detected.format.toUpperCase()}); the ${kind} must be PEM`, { domain: 'user', details, hint });
    case 'pkcs12':
      throw new SluiceError('SLUICE_SECRET_PKCS12', `${what} holds a ${b64}PKCS#12 (.pfx/.p12) bundle; the ${kind} must be PEM`, { domain: 'user', details, hint });
    case 'der':
      throw new SluiceError('SLUICE_SECRET_DER', `${what} holds ${b64}binary DER; the ${kind} must be PEM`, { domain: 'user', details, hint });
    case 'unknown':
      throw new SluiceError('SLUICE_SECRET_NOT_PEM', `${what} is not a PEM ${kind}${bytes.length === 0 ? ' (it is empty)' : ''}`, { domain: 'user', details, hint });
    case 'pem':
      break;
  }
  const text = Buffer.from(bytes).toString('utf8');
  const blocks = pemBlocks(text);
  if (blocks.length === 0) {
    throw new SluiceError('SLUICE_SECRET_PEM_INVALID', `${what} has a PEM header but no complete BEGIN/END block`, {
      domain: 'user', details, hint: 'the file was probably truncated or its line breaks were lost when it was stored; upload the file itself with --file',
    });
  }
  return blocks;
}

export function pemError(ref: SecretRef, kind: MaterialKind, index: number, cause: unknown): SluiceError {
  const reason = cause instanceof Error ? cause.message.replace(/^error:[0-9A-F]+:/, '') : 'unreadable';
  return new SluiceError('SLUICE_SECRET_PEM_INVALID', `${formatSecretRef(ref)}: PEM block ${index + 1} is not a valid ${kind} (${reason})`, {
    domain: 'user', cause, details: { vault: ref.vault, secret: ref.name, block: index + 1 },
    hint: 'check that the whole file was uploaded unchanged (line breaks included)',
  });
}
