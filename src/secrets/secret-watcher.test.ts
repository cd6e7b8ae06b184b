import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { type SluiceError } from '../common/index.ts';
import { DirectorySecretStore, SecretWatcher, writeSecret, type SecretChange, type SecretStore, type SecretWarning } from './index.ts';
import { testCertificates } from './test-support/test-certificates.ts';
import { tempDir } from './test-support/temp-dir.ts';

async function setup(): Promise<{ root: string; store: DirectorySecretStore }> {
  const root = await tempDir('sluice-watch-');
  return { root, store: new DirectorySecretStore(root) };
}

function collect(watcher: SecretWatcher): { changes: SecretChange[]; errors: SluiceError[]; warnings: SecretWarning[] } {
  const out = { changes: [] as SecretChange[], errors: [] as SluiceError[], warnings: [] as SecretWarning[] };
  watcher.on('change', (c) => out.changes.push(c));
  watcher.on('error', (e) => out.errors.push(e));
  watcher.on('warning', (w) => out.warnings.push(w));
  return out;
}

describe('SecretWatcher', () => {
  it('emits one change when a file is replaced, none while it is unchanged', async () => {
    const { root, store } = await setup();
    await writeSecret(root, 'kv1', 'pw', 'old-password');
    const watcher = new SecretWatcher(store, [{ vault: 'kv1', name: 'pw' }], { intervalMs: 60_000 });
    const seen = collect(watcher);
    const initial = await watcher.start();
    assert.equal(initial.size, 1);
    await watcher.checkNow();
    assert.equal(seen.changes.length, 0);
    await writeSecret(root, 'kv1', 'pw', 'new-password');
    await watcher.checkNow();
    await watcher.checkNow();
    assert.equal(seen.changes.length, 1);
    assert.equal(seen.changes[0]?.previous.value, 'old-password');
    assert.equal(seen.changes[0]?.current.value, 'new-password');
    assert.equal(watcher.current('kv1', 'pw')?.value, 'new-password');
    await watcher.stop();
  });

  it('keeps the old material and emits error when a read fails', async () => {
    const { root, store } = await setup();
    await writeSecret(root, 'kv1', 'pw', 'kept-password');
    const watcher = new SecretWatcher(store, [{ vault: 'kv1', name: 'pw' }], { intervalMs: 60_000 });
    const seen = collect(watcher);
    await watcher.start();
    await rm(path.join(root, 'kv1', 'pw'));
    await watcher.checkNow();
    assert.equal(seen.errors.length, 1);
    assert.equal(seen.errors[0]?.code, 'SLUICE_SECRET_NOT_FOUND');
    assert.equal(seen.changes.length, 0);
    assert.equal(watcher.current('kv1', 'pw')?.value, 'kept-password');
    assert.doesNotMatch(seen.errors[0]?.message ?? '', /kept-password/);
    await watcher.stop();
  });

  it('re-reads on its own at the configured interval', async () => {
    const { root, store } = await setup();
    await writeSecret(root, 'kv1', 'pw', 'first-value');
    const watcher = new SecretWatcher(store, [{ vault: 'kv1', name: 'pw' }], { intervalMs: 15 });
    const changed = new Promise<SecretChange>((resolve) => watcher.on('change', resolve));
    await watcher.start();
    await writeSecret(root, 'kv1', 'pw', 'second-value');
    const change = await changed;
    assert.equal(change.current.value, 'second-value');
    await watcher.stop();
  });

  it('refuses a rotated certificate that fails its checks, keeping the old one', async () => {
    const { root, store } = await setup();
    const certs = testCertificates();
    await writeSecret(root, 'kv1', 'client-cert', certs.leafPem);
    const watcher = new SecretWatcher(store, [{ vault: 'kv1', name: 'client-cert', kind: 'certificate' }], { intervalMs: 60_000 });
    const seen = collect(watcher);
    await watcher.start();
    await writeSecret(root, 'kv1', 'client-cert', certs.expiredPem);
    await watcher.checkNow();
    assert.equal(seen.changes.length, 0);
    assert.equal(seen.errors[0]?.code, 'SLUICE_SECRET_CERT_EXPIRED');
    assert.equal(watcher.current('kv1', 'client-cert')?.value, certs.leafPem.replace(/\n$/, ''));
    await writeSecret(root, 'kv1', 'client-cert', certs.expiringSoonPem);
    await watcher.checkNow();
    assert.equal(seen.changes.length, 1);
    assert.equal(seen.warnings.length, 1, 'an expiring certificate warns once per version');
    await watcher.checkNow();
    assert.equal(seen.warnings.length, 1);
    await watcher.stop();
  });

  it('fails start() when a secret is missing, since a job must not start without it', async () => {
    const { store } = await setup();
    await assert.rejects(new SecretWatcher(store, [{ vault: 'kv1', name: 'pw' }]).start(), { code: 'SLUICE_SECRET_NOT_FOUND' });
  });

  it('schedules a re-read shortly before a certificate expires', async () => {
    const certs = testCertificates();
    let reads = 0;
    const store: SecretStore = {
      describe: () => 'counting store',
      get: async (vault, name) => {
        reads++;
        const bytes = new TextEncoder().encode(certs.expiringSoonPem);
        return { vault, name, value: certs.expiringSoonPem, bytes, version: 'v1', readAt: new Date(), source: 'test' };
      },
    };
    const notAfter = new X509Certificate(certs.expiringSoonPem).validToDate;
    // Pretend the clock is 40 ms before the re-read point (expiry minus the 1 h lead) and the interval
    // is an hour: only the expiry schedule can explain a second read within the test.
    const fakeNow = new Date(notAfter.getTime() - 3600_000 - 40);
    const watcher = new SecretWatcher(store, [{ vault: 'kv1', name: 'cert', kind: 'certificate' }], {
      intervalMs: 3600_000, now: () => fakeNow,
    });
    await watcher.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await watcher.stop();
    assert.ok(reads >= 2, `expected an expiry-driven re-read, got ${reads} reads`);
  });
});
