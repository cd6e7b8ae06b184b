// Rotation, which ASA lacks (an expired certificate stops an ASA job until someone replaces it and restarts;
// learn.microsoft.com/azure/stream-analytics/stream-analytics-define-kafka-input): while a reader consumes
// over mTLS from the real broker, its client certificate is replaced in the secret store. The first
// certificate expires during the test, so consuming on after its expiry — and a fresh connection with it
// being refused by the broker — proves the reader moved to the new one. No record is lost.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveKafkaConnection, watchKafkaConnection } from '../../src/app/index.ts';
import { RdkafkaAdmin, RdkafkaRecordReader, RdkafkaRecordWriter, ReconnectingRecordReader } from '../../src/connectors/kafka/index.ts';
import type { KafkaConnectionSpec } from '../../src/job/index.ts';
import { DirectorySecretStore, writeSecret } from '../../src/secrets/index.ts';
import { issueClientCertificate } from '../kafka-broker/index.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();
const VAULT = 'kv';
const FIRST_CERT_SECONDS = 12;

describe('rotating the mTLS client certificate while consuming', { skip: skipWithoutBroker(broker) }, () => {
  it('moves to the new certificate before the old one expires, losing nothing', async () => {
    const plaintext = connectionFor(broker!, 'None');
    const topic = uniqueName('rotation');
    const admin = new RdkafkaAdmin(plaintext);
    try {
      await admin.createTopic(topic, { partitions: 2, config: { 'message.timestamp.type': 'LogAppendTime' } });
    } finally {
      await admin.close();
    }
    const pki = join(broker!.runDir, 'tls');
    const first = await issueClientCertificate(pki, 'sluice-client-first', FIRST_CERT_SECONDS);
    const second = await issueClientCertificate(pki, 'sluice-client-second', 3600);
    const dir = await mkdtemp(join(tmpdir(), 'sluice-rotation-'));
    await writeSecret(dir, VAULT, 'ca', broker!.tls.caPem);
    await writeSecret(dir, VAULT, 'client-cert', first.certPem);
    await writeSecret(dir, VAULT, 'client-key', first.keyPem);
    const store = new DirectorySecretStore(dir);
    const spec: KafkaConnectionSpec = {
      bootstrapServers: [broker!.bootstrap.ssl], securityProtocol: 'mTLS', keyVaultName: VAULT,
      truststoreCertificateSecretName: 'ca', keystoreCertificateSecretName: 'client-cert', keystoreKeySecretName: 'client-key',
    };
    const resolved = await resolveKafkaConnection(spec, store, { owner: "input 'in'" });
    const reader = await ReconnectingRecordReader.connect(resolved.connection, { groupId: uniqueName('rot') });
    const errors: unknown[] = [];
    const watch = watchKafkaConnection(spec, store, resolved, {
      owner: "input 'in'", intervalMs: 250, onChange: (c) => reader.reconnectWith(c), onError: (e) => errors.push(e),
    });
    const writer = await RdkafkaRecordWriter.connect(plaintext);
    const produced = new Set<string>();
    const received = new Map<string, number>();
    let n = 0;
    let rotatedAt = 0;
    try {
      reader.subscribe([topic]);
      const stopAt = first.notAfter.getTime() + 3000;
      while (Date.now() < stopAt) {
        const batch = Array.from({ length: 20 }, () => String(n++));
        await writer.write(topic, batch.map((v) => ({ value: Buffer.from(v) })));
        batch.forEach((v) => produced.add(v));
        const records = await reader.read(500, 100);
        for (const r of records) received.set(r.value!.toString(), (received.get(r.value!.toString()) ?? 0) + 1);
        const next = new Map<number, number>();
        for (const r of records) next.set(r.partition, r.offset + 1);
        await reader.commit([...next].map(([partition, offset]) => ({ topic, partition, offset })));
        if (!rotatedAt && Date.now() > first.notAfter.getTime() - (FIRST_CERT_SECONDS - 3) * 1000) {
          // Key first, then certificate: the watcher may see the mismatch in between and keep the old connection.
          await writeSecret(dir, VAULT, 'client-key', second.keyPem);
          await writeSecret(dir, VAULT, 'client-cert', second.certPem);
          rotatedAt = Date.now();
        }
      }
      const drainUntil = Date.now() + 10_000;
      while ([...produced].some((v) => !received.has(v)) && Date.now() < drainUntil) {
        for (const r of await reader.read(500, 200)) received.set(r.value!.toString(), (received.get(r.value!.toString()) ?? 0) + 1);
      }
      assert.ok(Date.now() > first.notAfter.getTime(), 'the test must outlive the first certificate');
      assert.ok(reader.reconnects >= 1, 'the reader never moved to the new certificate');
      const missing = [...produced].filter((v) => !received.has(v));
      assert.deepEqual(missing, [], `${missing.length} of ${produced.size} records lost`);
      const duplicates = [...received.values()].filter((c) => c > 1).length;
      assert.ok(duplicates <= 500, `${duplicates} duplicates: more than one uncommitted batch was redelivered`);
      for (const e of errors) assert.match(String((e as Error).message), /match|private key|certificate/i, 'only the key/certificate mismatch window may be reported');
    } finally {
      watch.stop();
      await writer.close();
      await reader.close();
      await rm(dir, { recursive: true, force: true });
    }
    // The broker now refuses the first certificate: consuming after its expiry used the second one.
    await assert.rejects(
      RdkafkaRecordReader.connect({ ...resolved.connection, tls: { caPem: broker!.tls.caPem, certificatePem: first.certPem, keyPem: first.keyPem } }, { groupId: uniqueName('x'), connectTimeoutMs: 5000 }),
      (err: Error & { code?: string }) => err.code === 'SLUICE_KAFKA_TLS' && /certificate/.test(err.message),
    );
  });
});
