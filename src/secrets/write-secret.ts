// Writes one secret into a directory store for `sluice secrets set`: the file appears complete or not
// at all (temp file, fsync, rename), is readable only by its owner (0600, folders 0700), and its value
// is written exactly as given.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { SluiceError } from '../common/index.ts';
import { errnoOf } from './fs-errors.ts';
import { assertLocalName } from './secret-name.ts';

/** Returns the absolute path of the written file. */
export async function writeSecret(root: string, vault: string, name: string, value: string | Uint8Array): Promise<string> {
  assertLocalName('vault', vault);
  assertLocalName('secret', name);
  const rootDir = path.resolve(root);
  const vaultDir = path.join(rootDir, vault);
  const target = path.join(vaultDir, name);
  // Temp names start with '.', which secret names may not, so a crash leaves nothing a reader mistakes
  // for a secret.
  const temp = path.join(vaultDir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(vaultDir, { recursive: true, mode: 0o700 });
    // mkdir's mode is masked by the umask and ignored for folders that already exist.
    await chmod(rootDir, 0o700);
    await chmod(vaultDir, 0o700);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(value);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    await syncDir(vaultDir);
    return target;
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    const code = errnoOf(err) ?? 'unknown error';
    throw new SluiceError('SLUICE_SECRET_WRITE_FAILED', `cannot write secret '${name}' of vault '${vault}' to ${target}: ${code}`, {
      domain: code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'user' : 'external',
      cause: err,
      details: { vault, secret: name, file: target },
      hint: code === 'EROFS' ? 'the folder is read-only (a Kubernetes/Docker secret mount?): update the secret at its source' : undefined,
    });
  }
}

// Makes the rename itself durable; some platforms cannot open a folder, which is fine to ignore.
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
