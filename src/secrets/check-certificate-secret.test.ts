import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkCertificateSecret, setSecret } from './index.ts';
import { testCertificates } from './test-support/test-certificates.ts';
import { tempDir } from './test-support/temp-dir.ts';

const certs = testCertificates();

describe('setSecret / checkCertificateSecret', () => {
  it('stores a PEM and reports its certificate', async () => {
    const dir = await tempDir('sluice-admin-');
    const written = await setSecret({ vault: 'kv1', name: 'client', value: certs.leafPem + certs.leafKeyPem, dir });
    assert.equal(written.file, path.join(dir, 'kv1', 'client'));
    const report = await checkCertificateSecret({ vault: 'kv1', name: 'client', dir });
    assert.equal(report.certificates[0]?.subject, 'CN=sluice-client');
    assert.deepEqual(report.privateKey, { type: 'ec', matchesCertificate: true });
  });

  it('refuses binary key stores with the conversion command', async () => {
    const dir = await tempDir('sluice-admin-');
    await assert.rejects(setSecret({ vault: 'kv1', name: 'ks', value: certs.jks, dir }), (err: Error & { hint?: string }) => {
      assert.match(err.message, /JKS/);
      assert.match(err.hint ?? '', /keytool -importkeystore/);
      return true;
    });
    await assert.rejects(setSecret({ vault: 'kv1', name: 'empty', value: '', dir }), { code: 'SLUICE_SECRET_EMPTY' });
  });

  it('fails the check for a certificate with the wrong key', async () => {
    const dir = await tempDir('sluice-admin-');
    await setSecret({ vault: 'kv1', name: 'mixed', value: certs.leafPem + certs.otherKeyPem, dir });
    await assert.rejects(checkCertificateSecret({ vault: 'kv1', name: 'mixed', dir }), { code: 'SLUICE_SECRET_KEY_MISMATCH' });
  });

  it('checks a CA bundle', async () => {
    const dir = await tempDir('sluice-admin-');
    await setSecret({ vault: 'kv1', name: 'ca', value: certs.expiredPem + certs.caPem, dir });
    const report = await checkCertificateSecret({ vault: 'kv1', name: 'ca', dir, caBundle: true });
    assert.equal(report.certificates.length, 1);
    assert.equal(report.warnings.length, 1);
  });
});
