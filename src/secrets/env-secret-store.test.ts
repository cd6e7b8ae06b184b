import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SluiceError } from '../common/index.ts';
import { EnvSecretStore, envVariableName } from './index.ts';

describe('EnvSecretStore', () => {
  it('maps vault and name to SLUICE_SECRET_<VAULT>_<NAME>', () => {
    assert.equal(envVariableName('kv-prod', 'kafka.password'), 'SLUICE_SECRET_KV_PROD_KAFKA_PASSWORD');
    assert.equal(envVariableName('kv1', 'ca', 'MY_'), 'MY_KV1_CA');
  });

  it('reads the variable and versions it by content', async () => {
    const env: Record<string, string> = { SLUICE_SECRET_KV1_PW: 'first-pass' };
    const store = new EnvSecretStore({ env });
    const a = await store.get('kv1', 'pw');
    assert.equal(a.value, 'first-pass');
    assert.equal(a.source, 'environment SLUICE_SECRET_KV1_PW');
    env['SLUICE_SECRET_KV1_PW'] = 'second-pass';
    const b = await store.get('kv1', 'pw');
    assert.notEqual(a.version, b.version);
  });

  it('names the variable to set when it is missing', async () => {
    await assert.rejects(new EnvSecretStore({ env: {} }).get('kv1', 'ca-pem'), (err: unknown) => {
      assert.ok(err instanceof SluiceError);
      assert.equal(err.code, 'SLUICE_SECRET_NOT_FOUND');
      assert.match(err.message, /SLUICE_SECRET_KV1_CA_PEM/);
      return true;
    });
  });
});
