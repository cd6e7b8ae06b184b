import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SecretRedactor } from './index.ts';
import { testCertificates } from './test-support/test-certificates.ts';

describe('SecretRedactor', () => {
  it('scrubs every registered value, literally', () => {
    const r = new SecretRedactor();
    r.register('p@ss.w*rd+1');
    assert.equal(r.redact('login p@ss.w*rd+1 failed (p@ss.w*rd+1)'), 'login *** failed (***)');
  });

  it('scrubs single lines of a registered private key', () => {
    const r = new SecretRedactor();
    const key = testCertificates().leafKeyPem;
    r.register(key);
    const line = key.split('\n')[1] ?? '';
    assert.ok(line.length > 16);
    assert.equal(r.redact(`bad key line: ${line}`), 'bad key line: ***');
    assert.equal(r.redact(key).includes(line), false);
  });

  it('leaves short values alone so ordinary words survive', () => {
    const r = new SecretRedactor();
    r.register('ab');
    assert.equal(r.redact('abc'), 'abc');
  });
});
