import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectionSecrets, librdkafkaConnectionConfig, type KafkaConnection } from './kafka-connection.ts';
import { classifyConnectionLog } from './rdkafka-client-events.ts';

const sasl = { mechanism: 'SCRAM-SHA-512' as const, username: 'u', password: 'p4ssw0rd' };

describe('librdkafkaConnectionConfig', () => {
  it('maps ASA security protocols onto librdkafka ones', () => {
    const base = { bootstrapServers: ['a:9092', 'b:9092'] };
    assert.equal(librdkafkaConnectionConfig({ ...base, securityProtocol: 'None' })['security.protocol'], 'plaintext');
    assert.equal(librdkafkaConnectionConfig({ ...base, securityProtocol: 'SASL_PLAINTEXT', sasl })['security.protocol'], 'sasl_plaintext');
    const saslSsl = librdkafkaConnectionConfig({ ...base, securityProtocol: 'SASL_SSL', sasl, tls: { caPem: 'CA' } });
    assert.equal(saslSsl['security.protocol'], 'sasl_ssl');
    assert.equal(saslSsl['sasl.mechanisms'], 'SCRAM-SHA-512');
    assert.equal(saslSsl['ssl.ca.pem'], 'CA');
    assert.equal(saslSsl['bootstrap.servers'], 'a:9092,b:9092');
    const mtls = librdkafkaConnectionConfig({ ...base, securityProtocol: 'mTLS', tls: { certificatePem: 'C', keyPem: 'K' } });
    assert.equal(mtls['security.protocol'], 'ssl');
    assert.equal(mtls['ssl.certificate.pem'], 'C');
    assert.equal(mtls['ssl.key.pem'], 'K');
  });

  it('always verifies broker host names over TLS', () => {
    for (const c of [
      { bootstrapServers: ['a:1'], securityProtocol: 'SASL_SSL', sasl },
      { bootstrapServers: ['a:1'], securityProtocol: 'mTLS', tls: { certificatePem: 'C', keyPem: 'K' } },
    ] satisfies KafkaConnection[]) {
      assert.equal(librdkafkaConnectionConfig(c)['ssl.endpoint.identification.algorithm'], 'https');
    }
  });

  it('rejects incomplete or contradictory settings with a user error', () => {
    const bad: Array<[KafkaConnection, RegExp]> = [
      [{ bootstrapServers: [], securityProtocol: 'None' }, /no bootstrap server/],
      [{ bootstrapServers: ['a:1'], securityProtocol: 'SASL_SSL' }, /needs a SASL username and password/],
      [{ bootstrapServers: ['a:1'], securityProtocol: 'mTLS', tls: { caPem: 'CA' } }, /client certificate and private key/],
      [{ bootstrapServers: ['a:1'], securityProtocol: 'None', sasl }, /does not use SASL/],
      [{ bootstrapServers: ['a:1'], securityProtocol: 'SASL_PLAINTEXT', sasl, tls: { keyPem: 'K' } }, /does not use TLS/],
    ];
    for (const [connection, message] of bad) {
      assert.throws(() => librdkafkaConnectionConfig(connection), (err: Error & { code?: string; domain?: string }) => {
        assert.equal(err.code, 'SLUICE_KAFKA_CONFIG');
        assert.equal(err.domain, 'user');
        assert.match(err.message, message);
        assert.ok(!err.message.includes(sasl.password));
        return true;
      });
    }
  });

  it('lists the secrets a connection holds, for redaction', () => {
    assert.deepEqual(connectionSecrets({ bootstrapServers: ['a:1'], securityProtocol: 'SASL_SSL', sasl, tls: { keyPem: 'KEY', caPem: 'CA' } }), ['p4ssw0rd', 'KEY']);
  });
});

describe('classifyConnectionLog', () => {
  // Lines as librdkafka 2.15 logs them (captured from the real test broker).
  const line = (message: string) => ({ severity: 3, fac: 'FAIL', message });
  it('recognises authentication, TLS and transport failures', () => {
    assert.equal(classifyConnectionLog(line('[thrd:sasl_plaintext://127.0.0.1:1/bootstrap]: sasl_plaintext://127.0.0.1:1/bootstrap: SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256 (after 310ms in state AUTH_REQ)')), 'authentication');
    assert.equal(classifyConnectionLog(line('[thrd:sasl_ssl://localhost:1/bootstrap]: sasl_ssl://localhost:1/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify failed: broker certificate could not be verified (after 5ms in state SSL_HANDSHAKE)')), 'tls');
    assert.equal(classifyConnectionLog(line('[thrd:127.0.0.1:1/bootstrap]: 127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused (after 0ms in state CONNECT)')), 'transport');
    assert.equal(classifyConnectionLog({ severity: 6, fac: 'CONFWARN', message: 'Configuration property x is deprecated' }), undefined);
  });
});
