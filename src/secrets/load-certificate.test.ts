// PEM checks against real certificates made with openssl (see test-support/test-certificates.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SluiceError } from '../common/index.ts';
import {
  assertKeyMatchesCertificate, detectKeyMaterialFormat, loadCaBundle, loadCertificate, loadPrivateKey,
  type SecretWarning,
} from './index.ts';
import { testCertificates } from './test-support/test-certificates.ts';

const ref = { vault: 'kv-test', name: 'client-cert' };
const certs = testCertificates();

function rejectsWith(fn: () => unknown, code: string, check?: (err: SluiceError) => void): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof SluiceError, String(err));
    assert.equal(err.code, code, err.message);
    check?.(err);
    return true;
  });
}

describe('loadCertificate', () => {
  it('loads a valid PEM certificate and reports its facts', () => {
    const warnings: SecretWarning[] = [];
    const cert = loadCertificate(certs.leafPem, ref, { onWarning: (w) => warnings.push(w) });
    assert.equal(cert.info.subject, 'CN=sluice-client');
    assert.equal(cert.info.issuer, 'CN=Sluice Test CA');
    assert.equal(cert.certificates.length, 1);
    assert.deepEqual(cert.warnings, []);
    assert.deepEqual(warnings, []);
    assert.match(cert.pem, /^-----BEGIN CERTIFICATE-----/);
  });

  it('loads a chain, leaf first', () => {
    const cert = loadCertificate(certs.leafPem + certs.caPem, ref);
    assert.equal(cert.certificates.length, 2);
    assert.equal(cert.info.subject, 'CN=sluice-client');
  });

  it('rejects an expired certificate naming vault, secret and dates', () => {
    rejectsWith(() => loadCertificate(certs.expiredPem, ref), 'SLUICE_SECRET_CERT_EXPIRED', (err) => {
      assert.match(err.message, /secret 'client-cert' in vault 'kv-test'/);
      assert.match(err.message, /expired on 2020-02-01T00:00:00\.000Z/);
      assert.match(err.message, /valid from 2020-01-01T00:00:00\.000Z/);
      assert.match(err.hint ?? '', /sluice secrets set kv-test client-cert/);
    });
  });

  it('rejects a certificate that is not valid yet', () => {
    rejectsWith(() => loadCertificate(certs.notYetValidPem, ref), 'SLUICE_SECRET_CERT_NOT_YET_VALID', (err) => {
      assert.match(err.message, /not valid before 2099-01-01/);
    });
  });

  it('warns, as data and through the hook, when the certificate expires within 7 days', () => {
    const seen: SecretWarning[] = [];
    const cert = loadCertificate(certs.expiringSoonPem, ref, { onWarning: (w) => seen.push(w) });
    assert.equal(cert.warnings.length, 1);
    assert.equal(seen.length, 1);
    const w = cert.warnings[0];
    assert.equal(w?.code, 'SLUICE_SECRET_CERT_EXPIRING');
    assert.match(w?.message ?? '', /expires on .* in (2\.9|3\.0) days/);
    assert.deepEqual(w?.ref, ref);
    assert.equal(loadCertificate(certs.expiringSoonPem, ref, { expiryWarningDays: 1 }).warnings.length, 0);
  });

  it('explains a Java Key Store, with the keytool/openssl conversion', () => {
    rejectsWith(() => loadCertificate(certs.jks, ref), 'SLUICE_SECRET_JAVA_KEYSTORE', (err) => {
      assert.match(err.message, /Java Key Store \(JKS\)/);
      assert.match(err.hint ?? '', /keytool -importkeystore -srckeystore store\.jks/);
      assert.match(err.hint ?? '', /openssl pkcs12 -in store\.p12 -nokeys/);
    });
  });

  it('explains a PKCS#12 bundle, raw or base64-encoded', () => {
    rejectsWith(() => loadCertificate(certs.pkcs12, ref), 'SLUICE_SECRET_PKCS12', (err) => {
      assert.match(err.hint ?? '', /openssl pkcs12 -in store\.p12 -nokeys -out cert\.pem/);
    });
    rejectsWith(() => loadCertificate(Buffer.from(certs.pkcs12).toString('base64'), ref), 'SLUICE_SECRET_PKCS12', (err) => {
      assert.match(err.message, /base64-encoded PKCS#12/);
    });
  });

  it('explains DER', () => {
    rejectsWith(() => loadCertificate(certs.der, ref), 'SLUICE_SECRET_DER', (err) => {
      assert.match(err.hint ?? '', /openssl x509 -inform DER -in cert\.der -out cert\.pem/);
    });
  });

  it('rejects text that is not PEM, and a truncated PEM', () => {
    rejectsWith(() => loadCertificate('just a password', ref), 'SLUICE_SECRET_NOT_PEM');
    rejectsWith(() => loadCertificate(certs.leafPem.slice(0, 200), ref), 'SLUICE_SECRET_PEM_INVALID');
    rejectsWith(() => loadCertificate(certs.leafKeyPem, ref), 'SLUICE_SECRET_CERT_MISSING');
  });

  it('rejects a corrupted certificate body', () => {
    const broken = certs.leafPem.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    rejectsWith(() => loadCertificate(broken, ref), 'SLUICE_SECRET_PEM_INVALID');
  });
});

describe('detectKeyMaterialFormat', () => {
  it('tells the formats apart', () => {
    assert.equal(detectKeyMaterialFormat(certs.jks).format, 'jks');
    assert.equal(detectKeyMaterialFormat(new Uint8Array([0xce, 0xce, 0xce, 0xce, 0, 0, 0, 2])).format, 'jceks');
    assert.equal(detectKeyMaterialFormat(certs.pkcs12).format, 'pkcs12');
    assert.equal(detectKeyMaterialFormat(certs.der).format, 'der');
    assert.equal(detectKeyMaterialFormat(new TextEncoder().encode(certs.leafPem)).format, 'pem');
    // A password starting with '0' (0x30, the DER SEQUENCE tag) is not DER.
    assert.equal(detectKeyMaterialFormat(new TextEncoder().encode('0secretpassword')).format, 'unknown');
  });
});

describe('loadPrivateKey', () => {
  it('loads a key and checks it against its certificate', () => {
    const cert = loadCertificate(certs.leafPem, ref);
    const key = loadPrivateKey(certs.leafKeyPem, { vault: 'kv-test', name: 'client-key' });
    assert.equal(key.type, 'ec');
    assert.doesNotThrow(() => assertKeyMatchesCertificate(cert, key));
  });

  it('reads the key from a PEM that holds certificate and key together', () => {
    const key = loadPrivateKey(certs.leafPem + certs.leafKeyPem, ref);
    assert.doesNotThrow(() => assertKeyMatchesCertificate(loadCertificate(certs.leafPem + certs.leafKeyPem, ref), key));
  });

  it('fails on a key that belongs to another certificate, naming both secrets', () => {
    const cert = loadCertificate(certs.leafPem, ref);
    const key = loadPrivateKey(certs.otherKeyPem, { vault: 'kv-test', name: 'client-key' });
    rejectsWith(() => assertKeyMatchesCertificate(cert, key), 'SLUICE_SECRET_KEY_MISMATCH', (err) => {
      assert.match(err.message, /secret 'client-key' in vault 'kv-test' does not belong to the certificate in secret 'client-cert'/);
    });
  });

  it('handles encrypted keys without ever printing the passphrase', () => {
    rejectsWith(() => loadPrivateKey(certs.encryptedKeyPem, ref), 'SLUICE_SECRET_KEY_ENCRYPTED');
    rejectsWith(() => loadPrivateKey(certs.encryptedKeyPem, ref, { passphrase: 'wrong-passphrase-1' }), 'SLUICE_SECRET_KEY_PASSPHRASE_WRONG', (err) => {
      assert.doesNotMatch(err.format(), /wrong-passphrase-1/);
    });
    assert.equal(loadPrivateKey(certs.encryptedKeyPem, ref, { passphrase: certs.keyPassphrase }).encrypted, true);
  });

  it('never puts key material in an error', () => {
    const body = certs.leafKeyPem.split('\n')[1] ?? '';
    for (const material of [certs.leafKeyPem.slice(0, 120), certs.leafPem]) {
      assert.throws(() => loadPrivateKey(material, ref), (err: unknown) => {
        assert.ok(err instanceof SluiceError);
        assert.ok(!err.format().includes(body.slice(0, 30)));
        return true;
      });
    }
  });
});

describe('loadCaBundle', () => {
  it('loads one CA', () => {
    const bundle = loadCaBundle(certs.caPem, ref);
    assert.equal(bundle.certificates.length, 1);
    assert.deepEqual(bundle.warnings, []);
  });

  it('drops an expired CA with a warning while another one is valid', () => {
    const bundle = loadCaBundle(certs.expiredPem + certs.caPem, ref);
    assert.equal(bundle.certificates.length, 1);
    assert.equal(bundle.warnings[0]?.code, 'SLUICE_SECRET_CA_CERT_EXPIRED');
    assert.doesNotMatch(bundle.pem, new RegExp(certs.expiredPem.split('\n')[1] ?? 'x'));
  });

  it('fails when no CA in the bundle is valid', () => {
    rejectsWith(() => loadCaBundle(certs.expiredPem, ref), 'SLUICE_SECRET_CERT_EXPIRED');
  });

  it('explains a JKS trust store', () => {
    rejectsWith(() => loadCaBundle(certs.jks, ref), 'SLUICE_SECRET_JAVA_KEYSTORE', (err) => {
      assert.match(err.hint ?? '', /keytool -exportcert -rfc/);
    });
  });
});
