// Starts one real Apache Kafka broker (KRaft, combined broker+controller) on loopback for the test suites,
// with PLAINTEXT, SASL_PLAINTEXT, SSL (client auth required) and SASL_SSL listeners, and stops it again.
// The JVM runs under a small shell watchdog that ends it when the process that started it dies, so an
// aborted test run (Ctrl-C, kill -9, CI timeout) never leaves a broker behind.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestPki } from './certs.ts';
import { renderLog4j1, renderLog4j2Yaml, renderServerProperties, type ListenerPorts, type SaslUser } from './config.ts';
import { majorOf, resolveKafkaJars, selectedKafkaVersion } from './jars.ts';
import { alive, freePorts, portOpen, spawnWatched, stopWatched, tail } from './process-watchdog.ts';

const run = promisify(execFile);

/** Everything a test needs to reach the broker; plain data, so it can be handed over as JSON. */
export interface KafkaTestBroker {
  version: string;
  pid: number;
  runDir: string;
  logPath: string;
  startMillis: number;
  /** Bootstrap addresses (host:port) per security protocol. */
  bootstrap: { plaintext: string; saslPlaintext: string; ssl: string; saslSsl: string };
  /** Known to SASL/PLAIN and, with the same password, to SCRAM-SHA-256 and SCRAM-SHA-512. */
  user: SaslUser;
  tls: {
    caPem: string;
    caPath: string;
    clientCertPem: string;
    clientKeyPem: string;
    clientCertPath: string;
    clientKeyPath: string;
  };
}

export interface StartOptions {
  version?: string;
  /** Pid whose death stops the broker; defaults to this process. 0 leaves the broker running on its own. */
  ownerPid?: number;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

function secret(): string {
  return randomBytes(18).toString('base64url');
}

// Any base64url 16-byte UUID will do; one fixed id keeps formatting deterministic.
const CLUSTER_ID = 'c2x1aWNlLXRlc3QtY2x1cw';


export async function startKafkaBroker(options: StartOptions = {}): Promise<KafkaTestBroker> {
  const log = options.log ?? (() => {});
  const startMillis = Date.now();
  const version = options.version ?? selectedKafkaVersion();
  const major = majorOf(version);
  const libs = await resolveKafkaJars(version);
  const classPath = join(libs, '*');

  const runDir = await mkdtemp(join(tmpdir(), 'sluice-kafka-'));
  const pki = await createTestPki(join(runDir, 'tls'));
  const [plaintext, saslPlaintext, ssl, saslSsl, controller] = (await freePorts(5)) as [number, number, number, number, number];
  const ports: ListenerPorts = { plaintext, saslPlaintext, ssl, saslSsl, controller };
  const user: SaslUser = { username: 'sluice', password: secret() };
  const admin: SaslUser = { username: 'admin', password: secret() };

  const propsPath = join(runDir, 'server.properties');
  await writeFile(propsPath, renderServerProperties({
    ports,
    dataDir: join(runDir, 'data'),
    serverKeystorePath: pki.serverKeystorePath,
    caPath: pki.caPath,
    plainUsers: [admin, user],
    kafkaMajor: major,
  }));
  const logConfigArgs = major >= 4
    ? [`-Dlog4j2.configurationFile=${join(runDir, 'log4j2.yaml')}`]
    : [`-Dlog4j.configuration=file:${join(runDir, 'log4j.properties')}`];
  if (major >= 4) await writeFile(join(runDir, 'log4j2.yaml'), renderLog4j2Yaml());
  else await writeFile(join(runDir, 'log4j.properties'), renderLog4j1());

  const t0 = Date.now();
  try {
    await run('java', [
      '-Xmx256m', '-XX:TieredStopAtLevel=1', ...logConfigArgs, '-cp', classPath, 'kafka.tools.StorageTool',
      'format', '-t', CLUSTER_ID, '-c', propsPath,
      '--add-scram', `SCRAM-SHA-256=[name=${user.username},password=${user.password}]`,
      '--add-scram', `SCRAM-SHA-512=[name=${user.username},password=${user.password}]`,
    ]);
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    // The command line in err.message holds the generated SCRAM password: report only the tool's own
    // output, scrubbed, and deliberately drop the cause.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`formatting KRaft storage failed: ${(e.stderr || e.stdout || '').trim().slice(-2000).replaceAll(user.password, '***')}`);
  }
  log(`formatted KRaft storage in ${Date.now() - t0} ms`);

  const logPath = join(runDir, 'broker.log');
  const command = [
    'java', '-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-Djava.awt.headless=true',
    ...logConfigArgs, `-Dkafka.logs.dir=${join(runDir, 'logs')}`, '-cp', classPath, 'kafka.Kafka', propsPath,
  ];
  // Kept so that broker-outage.ts can start the same broker (same data and ports) again after a stop.
  await writeFile(join(runDir, 'command.json'), JSON.stringify({ command, ports: Object.values(ports) }));
  const pid = spawnWatched(command, { ownerPid: options.ownerPid ?? process.pid, runDir, logPath });

  const broker: KafkaTestBroker = {
    version,
    pid,
    runDir,
    logPath,
    startMillis,
    bootstrap: {
      plaintext: `127.0.0.1:${plaintext}`,
      saslPlaintext: `127.0.0.1:${saslPlaintext}`,
      ssl: `localhost:${ssl}`,
      saslSsl: `localhost:${saslSsl}`,
    },
    user,
    tls: {
      caPem: pki.caPem,
      caPath: pki.caPath,
      clientCertPem: pki.clientCertPem,
      clientKeyPem: pki.clientKeyPem,
      clientCertPath: pki.clientCertPath,
      clientKeyPath: pki.clientKeyPath,
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (!alive(pid)) {
      const why = await tail(logPath);
      await rm(runDir, { recursive: true, force: true });
      throw new Error(`the Kafka ${version} broker exited during start-up; its log ends with:\n${why}`);
    }
    const started = (await readFile(logPath, 'utf8')).includes('Kafka Server started');
    if (started && (await Promise.all(Object.values(ports).map(portOpen))).every(Boolean)) break;
    if (Date.now() > deadline) {
      const why = await tail(logPath);
      await stopKafkaBroker(broker);
      throw new Error(`the Kafka ${version} broker was not ready within ${options.readyTimeoutMs ?? 90_000} ms; its log ends with:\n${why}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`Kafka ${version} ready in ${Date.now() - startMillis} ms (PLAINTEXT ${broker.bootstrap.plaintext})`);
  return broker;
}

/** Stops the broker (SIGTERM, then SIGKILL after a grace period) and removes its files. */
export async function stopKafkaBroker(broker: Pick<KafkaTestBroker, 'pid' | 'runDir'>, graceMs = 8000): Promise<void> {
  await stopWatched(broker.pid, broker.runDir, graceMs);
}
