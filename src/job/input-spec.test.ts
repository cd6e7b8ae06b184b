import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInputDefinition, type InputSpec, type JobIssue, type KafkaInputProperties } from './index.ts';

const ctx = { jobName: 'plant-job', fileAlias: 'telemetry' };

function kafkaInput(props: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return {
    Name: 'telemetry', Type: 'Data Stream', DataSourceType: 'Kafka',
    KafkaProperties: { BootstrapServers: 'b1:9092', Topic: 'telemetry', ...props },
    Serialization: { Type: 'Json', Encoding: 'UTF8' }, ScriptType: 'Input', ...extra,
  };
}

function ok(raw: unknown): InputSpec {
  const r = parseInputDefinition(raw, ctx);
  assert.ok(r.ok, `expected success, got ${JSON.stringify(r.issues)}`);
  return r.value;
}

function kafka(raw: unknown): KafkaInputProperties {
  const spec = ok(raw);
  assert.equal(spec.source.kind, 'kafka');
  return (spec.source as { kind: 'kafka'; properties: KafkaInputProperties }).properties;
}

function errors(raw: unknown): JobIssue[] {
  const r = parseInputDefinition(raw, ctx);
  assert.equal(r.ok, false, 'expected errors');
  return r.issues.filter((i) => i.severity === 'error');
}

function messageAt(issues: readonly JobIssue[], path: string): string {
  const hit = issues.find((i) => i.path.join('.') === path);
  assert.ok(hit, `no issue at ${path}: ${JSON.stringify(issues)}`);
  return hit.message;
}

describe('Kafka input (VS Code PascalCase shape)', () => {
  it('applies ASA defaults: no security, PLAIN only with SASL, LogAppendTime, derived consumer group', () => {
    const k = kafka(kafkaInput({}));
    assert.deepEqual(k.bootstrapServers, ['b1:9092']);
    assert.equal(k.securityProtocol, 'None');
    assert.equal(k.saslMechanism, undefined);
    assert.equal(k.timestampType, 'LogAppendTime');
    assert.equal(k.consumerGroupId, 'plant-job-telemetry');
    assert.equal(k.consumerGroupIdDerived, true);
  });

  it('takes a dead-letter file or topic (sluice extension), but not both', () => {
    assert.deepEqual(kafka(kafkaInput({ DeadLetterPath: 'bad/telemetry.jsonl' })).deadLetter, { kind: 'file', path: 'bad/telemetry.jsonl' });
    assert.deepEqual(kafka(kafkaInput({ deadlettertopic: 'telemetry-dlq' })).deadLetter, { kind: 'topic', topic: 'telemetry-dlq' });
    assert.equal(kafka(kafkaInput({})).deadLetter, undefined);
    assert.match(messageAt(errors(kafkaInput({ DeadLetterPath: 'x', DeadLetterTopic: 'y' })), 'KafkaProperties.DeadLetterTopic'), /not .*together|choose one/);
  });

  it('splits comma-separated and listed bootstrap servers and drops scheme prefixes', () => {
    assert.deepEqual(kafka(kafkaInput({ BootstrapServers: 'a.example.com:9092, b:9093;c:1' })).bootstrapServers,
      ['a.example.com:9092', 'b:9093', 'c:1']);
    assert.deepEqual(kafka(kafkaInput({ BootstrapServers: ['SASL_SSL://a:9092', '[::1]:9092'] })).bootstrapServers,
      ['a:9092', '[::1]:9092']);
  });

  it('rejects entries that are not host:port, naming the entry', () => {
    const issues = errors(kafkaInput({ BootstrapServers: 'a:9092,b,c:70000' }));
    const msgs = issues.filter((i) => i.path.join('.') === 'KafkaProperties.BootstrapServers').map((i) => i.message);
    assert.deepEqual(msgs, [
      'has "b" (entry 2), which is not host:port (e.g. broker-1.example.com:9092)',
      'has "c:70000" (entry 3), whose port is not between 1 and 65535',
    ]);
  });

  it('matches keys and enum values ignoring case', () => {
    const k = kafka({
      name: 'telemetry', type: 'data stream', datasourcetype: 'KAFKA',
      kafkaproperties: { bootstrapservers: 'b:1', TOPIC: 't', securityprotocol: 'sasl_ssl', username: 'u', password: 'p', saslmechanism: 'scram-sha-256' },
      serialization: { type: 'json' },
    });
    assert.equal(k.securityProtocol, 'SASL_SSL');
    assert.equal(k.saslMechanism, 'SCRAM-SHA-256');
    assert.deepEqual(k.password, { kind: 'inline', value: 'p' });
  });

  it('accepts SSL and PLAINTEXT as aliases of mTLS and None', () => {
    const m = kafka(kafkaInput({ SecurityProtocol: 'SSL', KeyVaultName: 'kv', KeystoreCertificateSecretName: 'c', KeystoreKeySecretName: 'k' }));
    assert.equal(m.securityProtocol, 'mTLS');
    assert.equal(kafka(kafkaInput({ SecurityProtocol: 'PLAINTEXT' })).securityProtocol, 'None');
  });

  it('explains a wrong security protocol with the allowed values and a suggestion', () => {
    assert.equal(messageAt(errors(kafkaInput({ SecurityProtocol: 'SSLL' })), 'KafkaProperties.SecurityProtocol'),
      'is "SSLL"; allowed: None, SASL_PLAINTEXT, SASL_SSL, mTLS (did you mean SSL?)');
  });

  it('requires username and password for SASL, with null and ******** meaning "not set"', () => {
    const issues = errors(kafkaInput({ SecurityProtocol: 'SASL_PLAINTEXT', Username: null, Password: '********' }));
    assert.match(messageAt(issues, 'KafkaProperties.Username'), /is required when SecurityProtocol is SASL_PLAINTEXT/);
    assert.match(messageAt(issues, 'KafkaProperties.Password'), /placeholders/);
  });

  it('requires client certificate, key and vault for mTLS', () => {
    const issues = errors(kafkaInput({ SecurityProtocol: 'mTLS' }));
    for (const key of ['KeystoreCertificateSecretName', 'KeystoreKeySecretName', 'KeyVaultName']) {
      assert.match(messageAt(issues, `KafkaProperties.${key}`), /required when SecurityProtocol is mTLS/);
    }
  });

  it('requires a key vault for a custom CA with SASL_SSL', () => {
    const issues = errors(kafkaInput({ SecurityProtocol: 'SASL_SSL', Username: 'u', Password: 'p', TruststoreCertificateSecretName: 'ca' }));
    assert.match(messageAt(issues, 'KafkaProperties.KeyVaultName'), /TruststoreCertificateSecretName/);
  });

  it('reports cross-field rules together with other problems in one pass', () => {
    const issues = errors(kafkaInput({ SecurityProtocol: 'SASL_SSL', Topic: '' }));
    assert.ok(issues.some((i) => i.path.join('.') === 'KafkaProperties.Topic'));
    assert.ok(issues.some((i) => i.path.join('.') === 'KafkaProperties.Password'));
  });

  it('takes secrets by name and refuses inline key material without echoing it', () => {
    const k = kafka(kafkaInput({ SecurityProtocol: 'SASL_SSL', Username: 'u', Password: { SecretName: 'kafka-pw' } }));
    assert.deepEqual(k.password, { kind: 'secret', name: 'kafka-pw' });
    const pem = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----';
    const issues = errors(kafkaInput({ SecurityProtocol: 'SASL_SSL', Username: 'u', Password: 'p', KeyVaultName: 'kv', TruststoreCertificateSecretName: pem }));
    const msg = messageAt(issues, 'KafkaProperties.TruststoreCertificateSecretName');
    assert.match(msg, /name of a secret, not the certificate/);
    assert.ok(!JSON.stringify(issues).includes('MIIBszCCAVmgAwIBAgIU'));
  });

  it('never puts a password into any message', () => {
    const secret = 'Sup3r-Secret-Passw0rd';
    const all = [
      parseInputDefinition(kafkaInput({ SecurityProtocol: 'SSLL', Username: 'u', Password: secret, Topc: 1 }), ctx).issues,
      parseInputDefinition(kafkaInput({ SecurityProtocol: 'None', Username: 'u', Password: secret }), ctx).issues,
      parseInputDefinition(kafkaInput({ SecurityProtocol: 'SASL_SSL', Username: 'u', Password: { SecretName: secret, Extra: secret } }), ctx).issues,
      parseInputDefinition(kafkaInput({ SecurityProtocol: 'SASL_SSL', Username: 'u', Password: [secret] }), ctx).issues,
    ];
    for (const issues of all) assert.ok(!JSON.stringify(issues).includes(secret), JSON.stringify(issues));
  });

  it('warns when a password is written inline, without quoting it', () => {
    const r = parseInputDefinition(kafkaInput({ SecurityProtocol: 'SASL_SSL', Username: 'u', Password: 'inline-pw-123' }), ctx);
    assert.ok(r.ok);
    assert.deepEqual(r.issues.map((i) => [i.severity, i.path.join('.')]), [['warning', 'KafkaProperties.Password']]);
    assert.ok(!JSON.stringify(r.issues).includes('inline-pw-123'));
  });

  it('warns about settings the protocol does not use and drops them', () => {
    const r = parseInputDefinition(kafkaInput({ SecurityProtocol: 'None', Username: 'u', Password: 'p' }), ctx);
    assert.ok(r.ok);
    assert.deepEqual(r.issues.map((i) => [i.severity, i.path.join('.')]), [
      ['warning', 'KafkaProperties.Username'], ['warning', 'KafkaProperties.Password'],
    ]);
    const k = (r.value.source as { properties: KafkaInputProperties }).properties;
    assert.equal(k.password, undefined);
  });

  it('suggests the key meant by a typo, and only warns about unrelated unknown keys', () => {
    const r = parseInputDefinition(kafkaInput({ Topc: 'x', ConnectionTimeoutMs: 5 }), ctx);
    assert.equal(messageAt(r.issues, 'KafkaProperties.Topc'), 'is not a known key (did you mean Topic?)');
    assert.equal(r.issues.find((i) => i.path.join('.') === 'KafkaProperties.ConnectionTimeoutMs')?.severity, 'warning');
  });

  it('keeps CreateTime as sluice\'s extension and a given consumer group', () => {
    const k = kafka(kafkaInput({ TimestampType: 'createtime', ConsumerGroupId: 'cg-1' }));
    assert.equal(k.timestampType, 'CreateTime');
    assert.equal(k.consumerGroupId, 'cg-1');
    assert.equal(k.consumerGroupIdDerived, false);
  });

  it('rejects Kafka as reference data and requires a serialization', () => {
    const issues = errors({ ...(kafkaInput({}) as object), Type: 'Reference data', Serialization: null });
    assert.match(messageAt(issues, 'Type'), /only as a data stream/);
    assert.match(messageAt(issues, 'Serialization'), /is required/);
  });
});

describe('Kafka input (ARM camelCase shape)', () => {
  it('reads { name, properties: { type, datasource: { type, properties }, serialization: { type, properties } } }', () => {
    const spec = ok({
      name: 'orders',
      properties: {
        type: 'Stream',
        datasource: { type: 'Kafka', properties: { bootstrapServerAddresses: ['a:9092'], topicName: 'orders', securityProtocol: 'SASL_SSL', username: 'u', password: { secretName: 'pw' }, securityProtocolKeyVaultName: 'kv', truststoreCertificateSecretName: 'ca' } },
        serialization: { type: 'Csv', properties: { fieldDelimiter: '|', encoding: 'UTF8' } },
        compression: { type: 'GZip' },
      },
    });
    assert.equal(spec.alias, 'orders');
    assert.deepEqual(spec.serialization, { type: 'Csv', encoding: 'UTF8', fieldDelimiter: '|' });
    assert.equal(spec.compression, 'GZip');
    const k = (spec.source as { properties: KafkaInputProperties }).properties;
    assert.equal(k.topic, 'orders');
    assert.equal(k.keyVaultName, 'kv');
    assert.equal(k.truststoreCertificateSecretName, 'ca');
  });

  it('reports ARM-shape problems under DataSource.Properties', () => {
    const issues = errors({ name: 'o', properties: { type: 'Stream', datasource: { type: 'Kafka', properties: { bootstrapServers: 'a:1' } }, serialization: { type: 'Json' } } });
    assert.equal(messageAt(issues, 'DataSource.Properties.Topic'), 'is required');
  });
});

describe('other input sources', () => {
  it('keeps Event Hub inputs without credentials and marks them not live', () => {
    const spec = ok({
      Name: 'eh', Type: 'Data Stream', DataSourceType: 'Event Hub',
      EventHubProperties: { ServiceBusNamespace: 'ns', EventHubName: 'h', SharedAccessPolicyName: 'p', SharedAccessPolicyKey: 'k3y-value', ConsumerGroupName: 'asa', AuthenticationMode: 'Msi' },
      Serialization: { Type: 'Json', Encoding: 'UTF8' }, CompresssionType: 'GZip', InputPartionKey: 'dev',
    });
    assert.equal(spec.live, false);
    assert.deepEqual(spec.source, { kind: 'external', dataSourceType: 'Event Hub', settings: { ServiceBusNamespace: 'ns', EventHubName: 'h', SharedAccessPolicyName: 'p', ConsumerGroupName: 'asa', AuthenticationMode: 'Msi' } });
    assert.equal(spec.compression, 'GZip');
    assert.equal(spec.partitionKey, 'dev');
  });

  it('reads Blob and SQL reference inputs from their *Properties / *Info bags', () => {
    const spec = ok({ Name: 'r', Type: 'Reference data', DataSourceType: 'SQL Database', SqlReferenceInputInfo: { Server: 's', Database: 'd', Password: 'x' } });
    assert.deepEqual(spec.source, { kind: 'external', dataSourceType: 'SQL Database', settings: { Server: 's', Database: 'd' } });
  });

  it('suggests a data source type for a typo and refuses unknown ones', () => {
    assert.match(messageAt(errors({ Name: 'x', DataSourceType: 'Kafak' }), 'DataSourceType'), /did you mean Kafka\?/);
    assert.match(messageAt(errors({ Name: 'x', DataSourceType: 'Carrier Pigeon' }), 'DataSourceType'), /not an ASA input type/);
  });

  it('reads local file reference data and PostgreSQL reference queries', () => {
    const file = ok({ Name: 'devices', Type: 'Reference data', DataSourceType: 'Local File', FileProperties: { PathPattern: 'ref/devices.json' }, Serialization: { Type: 'Json' } });
    assert.deepEqual(file.source, { kind: 'file', properties: { path: 'ref/devices.json' } });
    const pg = ok({ Name: 'sites', Type: 'Reference data', DataSourceType: 'PostgreSQL', PostgreSQLProperties: { Server: 'db', Database: 'plant', Query: 'SELECT 1', RefreshInterval: 60 } });
    assert.deepEqual(pg.source, { kind: 'postgres', properties: { server: 'db', port: 5432, database: 'plant', sslMode: 'require', query: 'SELECT 1', refreshType: 'RefreshPeriodicallyWithFull', refreshIntervalSeconds: 60 } });
    assert.equal(pg.serialization, undefined);
  });

  it('requires a refresh interval and delta query where the refresh type needs them', () => {
    const issues = errors({ Name: 's', Type: 'Reference data', DataSourceType: 'PostgreSQL', PostgreSQLProperties: { Server: 'db', Database: 'p', Query: 'q', RefreshType: 'RefreshPeriodicallyWithDelta' } });
    assert.match(messageAt(issues, 'PostgreSQLProperties.RefreshInterval'), /required/);
    assert.match(messageAt(issues, 'PostgreSQLProperties.DeltaQuery'), /required/);
  });
});

describe('serialization of inputs', () => {
  it('reads CSV delimiters by character or name, and Protobuf settings', () => {
    assert.deepEqual(ok(kafkaInput({}, { Serialization: { Type: 'CSV', FieldDelimiter: 'tab' } })).serialization,
      { type: 'Csv', encoding: 'UTF8', fieldDelimiter: '\t' });
    assert.deepEqual(ok(kafkaInput({}, { Serialization: { Type: 'Protobuf', ProtobufDefinitionFile: 'a.proto', MessageType: 'p.M' } })).serialization,
      { type: 'Protobuf', protoFile: 'a.proto', messageType: 'p.M', prefixStyle: 'None' });
  });

  it('rejects retired CustomClr deserializers and incomplete Protobuf settings', () => {
    assert.match(messageAt(errors(kafkaInput({}, { Serialization: { Type: 'CustomClr' } })), 'Serialization.Type'), /retired/);
    const issues = errors(kafkaInput({}, { Serialization: { Type: 'Protobuf' } }));
    assert.match(messageAt(issues, 'Serialization.ProtoFile'), /required/);
    assert.match(messageAt(issues, 'Serialization.MessageType'), /required/);
  });
});
