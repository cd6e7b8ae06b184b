// `sluice secrets set`: stores one secret in the directory store, the local counterpart of
// `az keyvault secret set --vault-name … --name … --file …`. Binary key stores are refused with the
// command that converts them, since a secret must be text (PEM) to be used, here as on Azure.
import { SluiceError } from '../common/index.ts';
import { conversionHint, detectKeyMaterialFormat } from './detect-key-material-format.ts';
import { resolveSecretsDir } from './resolve-secrets-dir.ts';
import { formatSecretRef } from './secret-store.ts';
import { writeSecret } from './write-secret.ts';

export interface SetSecretOptions {
  vault: string;
  name: string;
  value: string | Uint8Array;
  /** Root of the directory store; default SLUICE_SECRETS_DIR, then ./secrets of projectDir. */
  dir?: string | undefined;
  projectDir?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface SetSecretResult {
  /** Absolute path of the file written. */
  readonly file: string;
  readonly root: string;
  readonly byteLength: number;
}

export async function setSecret(options: SetSecretOptions): Promise<SetSecretResult> {
  const bytes = typeof options.value === 'string' ? new TextEncoder().encode(options.value) : options.value;
  const ref = { vault: options.vault, name: options.name };
  if (bytes.length === 0) {
    throw new SluiceError('SLUICE_SECRET_EMPTY', `refusing to store an empty value as ${formatSecretRef(ref)}`, { domain: 'user' });
  }
  const detected = detectKeyMaterialFormat(bytes);
  if (detected.format === 'jks' || detected.format === 'jceks' || detected.format === 'pkcs12' || detected.format === 'der') {
    throw new SluiceError('SLUICE_SECRET_NOT_PEM', `refusing to store ${detected.format.toUpperCase()} key material as ${formatSecretRef(ref)}: secrets holding certificates or keys must be PEM`, {
      domain: 'user', details: { vault: ref.vault, secret: ref.name, format: detected.format }, hint: conversionHint(detected, 'certificate'),
    });
  }
  const root = resolveSecretsDir({ dir: options.dir, projectDir: options.projectDir, ...(options.env ? { env: options.env } : {}) });
  const file = await writeSecret(root, options.vault, options.name, bytes);
  return { file, root, byteLength: bytes.length };
}
