// A Kafka broker that stores topics in the OLD message format (v1, Kafka 0.10), for the "brokers from
// 0.10 on" requirement of ASA's Kafka input. KRaft always writes format v2 (its inter-broker protocol is
// at least 3.0, KIP-724), so this is Kafka 3.9 in ZooKeeper mode — the last line that has it — with
// inter.broker.protocol.version=2.8 and log.message.format.version=0.10.2, and ZooKeeper from the same jars.
// PLAINTEXT only: the point is the record format, not security (the main broker covers that).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderLog4j1 } from './config.ts';
import { DEFAULT_KAFKA_VERSION, majorOf, resolveKafkaJars } from './jars.ts';
import { alive, freePorts, portOpen, spawnWatched, stopWatched, tail } from './process-watchdog.ts';

export interface LegacyKafkaBroker {
  version: string;
  bootstrap: string;
  runDir: string;
  dataDir: string;
  pids: number[];
}

async function waitFor(what: string, logPath: string, marker: string, pid: number, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!alive(pid)) throw new Error(`${what} exited during start-up; its log ends with:\n${await tail(logPath)}`);
    const log = await readFile(logPath, 'utf8').catch(() => '');
    if (log.includes(marker) && (await portOpen(port))) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms; its log ends with:\n${await tail(logPath)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startLegacyKafkaBroker(ownerPid = process.pid): Promise<LegacyKafkaBroker> {
  const version = DEFAULT_KAFKA_VERSION;
  if (majorOf(version) >= 4) throw new Error('the legacy broker needs Kafka 3.x (4.0 removed ZooKeeper and message formats v0/v1)');
  const classPath = join(await resolveKafkaJars(version), '*');
  const runDir = await mkdtemp(join(tmpdir(), 'sluice-kafka-legacy-'));
  const [zkPort, kafkaPort] = (await freePorts(2)) as [number, number];
  const dataDir = join(runDir, 'data');
  await writeFile(join(runDir, 'log4j.properties'), renderLog4j1());
  await writeFile(join(runDir, 'zookeeper.properties'), [
    `dataDir=${join(runDir, 'zookeeper')}`, `clientPort=${zkPort}`, 'clientPortAddress=127.0.0.1', 'admin.enableServer=false', '',
  ].join('\n'));
  await writeFile(join(runDir, 'server.properties'), [
    'broker.id=0', `zookeeper.connect=127.0.0.1:${zkPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${kafkaPort}`, `advertised.listeners=PLAINTEXT://127.0.0.1:${kafkaPort}`,
    `log.dirs=${dataDir}`, 'offsets.topic.replication.factor=1', 'offsets.topic.num.partitions=1',
    'group.initial.rebalance.delay.ms=0', 'auto.create.topics.enable=false',
    'inter.broker.protocol.version=2.8', 'log.message.format.version=0.10.2', '',
  ].join('\n'));
  const logConfig = `-Dlog4j.configuration=file:${join(runDir, 'log4j.properties')}`;
  const pids: number[] = [];
  const broker: LegacyKafkaBroker = { version, bootstrap: `127.0.0.1:${kafkaPort}`, runDir, dataDir, pids };
  try {
    const zkLog = join(runDir, 'zookeeper.log');
    pids.push(spawnWatched(['java', '-Xmx128m', logConfig, '-cp', classPath, 'org.apache.zookeeper.server.ZooKeeperServerMain', join(runDir, 'zookeeper.properties')],
      { ownerPid, runDir, logPath: zkLog }));
    await waitFor('ZooKeeper', zkLog, '', pids[0]!, zkPort, 30_000);
    const kafkaLog = join(runDir, 'broker.log');
    pids.push(spawnWatched(['java', '-Xmx512m', logConfig, `-Dkafka.logs.dir=${join(runDir, 'logs')}`, '-cp', classPath, 'kafka.Kafka', join(runDir, 'server.properties')],
      { ownerPid, runDir, logPath: kafkaLog }));
    await waitFor('the legacy Kafka broker', kafkaLog, 'started (kafka.server.KafkaServer)', pids[1]!, kafkaPort, 60_000);
    return broker;
  } catch (err) {
    await stopLegacyKafkaBroker(broker);
    throw err;
  }
}

export async function stopLegacyKafkaBroker(broker: LegacyKafkaBroker): Promise<void> {
  // The broker first (it wants ZooKeeper for a controlled shutdown), then ZooKeeper, then the folder.
  for (const pid of [...broker.pids].reverse()) await stopWatched(pid, broker.runDir, 5000);
  await rm(broker.runDir, { recursive: true, force: true });
}
