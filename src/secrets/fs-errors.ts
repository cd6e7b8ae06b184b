// Maps file system failures of the local secret folder to SluiceErrors that say which secret and what
// to do, so a missing mount or a permission mistake is not reported as a bare ENOENT.
import { SluiceError } from '../common/index.ts';
import { formatSecretRef, type SecretRef } from './secret-store.ts';

export function errnoOf(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

export function fileReadError(err: unknown, ref: SecretRef, file: string, vaultDirExists: boolean): SluiceError {
  const code = errnoOf(err);
  const details = { vault: ref.vault, secret: ref.name, file };
  if (code === 'ENOENT') {
    return new SluiceError(
      'SLUICE_SECRET_NOT_FOUND',
      vaultDirExists
        ? `${formatSecretRef(ref)} not found: no file ${file}`
        : `vault '${ref.vault}' not found: no folder ${file.slice(0, file.length - ref.name.length - 1)}`,
      { domain: 'user', details, hint: `create it with: sluice secrets set ${ref.vault} ${ref.name} --file <path>` },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new SluiceError('SLUICE_SECRET_ACCESS_DENIED', `cannot read ${formatSecretRef(ref)}: permission denied on ${file}`, {
      domain: 'user', details, cause: err, hint: 'make the file readable by the user sluice runs as (mode 0600, owned by that user)',
    });
  }
  if (code === 'EISDIR') {
    return new SluiceError('SLUICE_SECRET_NOT_FOUND', `${formatSecretRef(ref)}: ${file} is a folder, not a file`, {
      domain: 'user', details, hint: 'the layout is <root>/<vault>/<secret-name>, one file per secret',
    });
  }
  return new SluiceError('SLUICE_SECRET_READ_FAILED', `cannot read ${formatSecretRef(ref)} from ${file}: ${code ?? 'unknown error'}`, {
    domain: 'external', details, cause: err,
  });
}
