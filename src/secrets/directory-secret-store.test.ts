import assert from 'node:assert/strict';
import { mkdir, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SluiceError } from '../common/index.ts';
import { DirectorySecretStore, redactSecrets, resolveSecretsDir, writeSecret } from './index.ts';
import { tempDir } from './test-support/temp-dir.ts';

const tempRoot = (): Promise<string> => tempDir('sluice-dir-store-');

describe('DirectorySecretStore', () => {
  it('reads <root>/<vault>/<name>, dropping one trailing newline', async () => {
    const root = await tempRoot();
    await mkdir(path.join(root, 'kv1'));
    await writeFile(path.join(root, 'kv1', 'kafka-password'), 's3cret-Value!\n');
    const store = new DirectorySecretStore(root);
    const secret = await store.get('kv1', 'kafka-password');
    assert.equal(secret.value, 's3cret-Value!');
    assert.equal(secret.vault, 'kv1');
    assert.match(secret.version, /^h:[0-9a-f]{20}$/);
    assert.match(secret.source, /kv1[/\\]kafka-password$/);
    assert.doesNotMatch(store.describe(), /s3cret/);
  });

  it('gives a new version exactly when the content changes', async () => {
    const root = await tempRoot();
    await writeSecret(root, 'kv1', 'pw', 'one-value');
    const store = new DirectorySecretStore(root);
    const a = await store.get('kv1', 'pw');
    const b = await store.get('kv1', 'pw');
    await writeSecret(root, 'kv1', 'pw', 'two-value');
    const c = await store.get('kv1', 'pw');
    assert.equal(a.version, b.version);
    assert.notEqual(a.version, c.version);
  });

  it('follows the symlinks of a Kubernetes secret mount', async () => {
    const root = await tempRoot();
    const data = path.join(root, 'kv1', '..2026_11_24');
    await mkdir(data, { recursive: true });
    await writeFile(path.join(data, 'ca-pem'), 'mounted-value');
    await symlink('..2026_11_24', path.join(root, 'kv1', '..data'));
    await symlink(path.join('..data', 'ca-pem'), path.join(root, 'kv1', 'ca-pem'));
    assert.equal((await new DirectorySecretStore(root).get('kv1', 'ca-pem')).value, 'mounted-value');
  });

  it('says whether the vault folder or the secret file is missing', async () => {
    const root = await tempRoot();
    const store = new DirectorySecretStore(root);
    await assert.rejects(store.get('kv1', 'pw'), (err: unknown) => {
      assert.ok(err instanceof SluiceError);
      assert.equal(err.code, 'SLUICE_SECRET_NOT_FOUND');
      assert.match(err.message, /vault 'kv1' not found/);
      return true;
    });
    await writeSecret(root, 'kv1', 'other', 'x-value');
    await assert.rejects(store.get('kv1', 'pw'), (err: unknown) => {
      assert.ok(err instanceof SluiceError);
      assert.match(err.message, /secret 'pw' in vault 'kv1' not found/);
      assert.match(err.hint ?? '', /sluice secrets set kv1 pw --file/);
      return true;
    });
  });

  it('rejects names that could leave the root', async () => {
    const store = new DirectorySecretStore(await tempRoot());
    for (const [vault, name] of [['..', 'x'], ['kv1', '../x'], ['kv1', 'a/b'], ['kv1', 'a\\b'], ['kv1', '.hidden'], ['kv1', 'a..b'], ['', 'x'], ['kv1', '..data']]) {
      await assert.rejects(store.get(vault as string, name as string), { code: 'SLUICE_SECRET_NAME_INVALID' }, `${vault}/${name}`);
    }
  });

  it('registers values for redaction', async () => {
    const root = await tempRoot();
    await writeSecret(root, 'kv1', 'token', 'tok-93jd8sk2');
    await new DirectorySecretStore(root).get('kv1', 'token');
    assert.equal(redactSecrets('auth failed for tok-93jd8sk2'), 'auth failed for ***');
  });
});

describe('writeSecret', () => {
  it('writes atomically with owner-only permissions and leaves no temp file', async () => {
    const root = path.join(await tempRoot(), 'secrets');
    const file = await writeSecret(root, 'kv1', 'pw', 'value-1234');
    assert.equal(file, path.join(root, 'kv1', 'pw'));
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await stat(path.join(root, 'kv1'))).mode & 0o777, 0o700);
    assert.equal((await stat(root)).mode & 0o777, 0o700);
    await writeSecret(root, 'kv1', 'pw', 'value-5678');
    assert.deepEqual(await readdir(path.join(root, 'kv1')), ['pw']);
    assert.equal((await new DirectorySecretStore(root).get('kv1', 'pw')).value, 'value-5678');
  });

  it('rejects traversal before touching the disk', async () => {
    await assert.rejects(writeSecret(await tempRoot(), 'kv1', '../../etc/passwd', 'x'), { code: 'SLUICE_SECRET_NAME_INVALID' });
  });

  it('reports a folder it cannot write to without the value', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'kv1'), 'a file where the vault folder should be');
    await assert.rejects(writeSecret(root, 'kv1', 'pw', 'never-shown-value'), (err: unknown) => {
      assert.ok(err instanceof SluiceError);
      assert.equal(err.code, 'SLUICE_SECRET_WRITE_FAILED');
      assert.doesNotMatch(err.message, /never-shown-value/);
      return true;
    });
  });
});

describe('resolveSecretsDir', () => {
  it('treats an empty SLUICE_SECRETS_DIR as unset', () => {
    assert.equal(resolveSecretsDir({ projectDir: '/p', env: { SLUICE_SECRETS_DIR: '' } }), path.resolve('/p/secrets'));
  });

  it('prefers --dir, then SLUICE_SECRETS_DIR, then <project>/secrets', () => {
    assert.equal(resolveSecretsDir({ dir: 'x', projectDir: '/p', env: { SLUICE_SECRETS_DIR: '/e' } }), path.resolve('/p/x'));
    assert.equal(resolveSecretsDir({ projectDir: '/p', env: { SLUICE_SECRETS_DIR: '/e' } }), path.resolve('/e'));
    assert.equal(resolveSecretsDir({ projectDir: '/p', env: {} }), path.resolve('/p/secrets'));
  });
});
