// Compiles (once per Kafka version, cached) and runs java/JavaProducer.java and java/JavaConsumer.java against
// the broker's own kafka-clients jar, so tests can use the reference Java producer and consumer.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { KafkaTestBroker } from './broker.ts';
import { resolveKafkaJars } from './jars.ts';
import { cacheRoot } from './paths.ts';

const run = promisify(execFile);
const SOURCES = ['JavaProducer.java', 'JavaConsumer.java'].map((f) => join(dirname(fileURLToPath(import.meta.url)), 'java', f));

async function compiled(version: string): Promise<{ classDir: string; classPath: string }> {
  const libs = await resolveKafkaJars(version);
  const hash = createHash('sha256');
  for (const source of SOURCES) hash.update(await readFile(source));
  const classDir = join(cacheRoot(), 'kafka', version, `java-clients-${hash.digest('hex').slice(0, 12)}`);
  const classPath = `${classDir}:${join(libs, '*')}`;
  if (!existsSync(join(classDir, 'JavaConsumer.class'))) {
    await mkdir(classDir, { recursive: true });
    await run('javac', ['-cp', join(libs, '*'), '-d', classDir, ...SOURCES]);
  }
  return { classDir, classPath };
}

/** Produces `count` records to partition 0 of each topic, each topic with its own compression codec. */
export async function runJavaProducer(
  broker: Pick<KafkaTestBroker, 'version' | 'bootstrap'>,
  count: number,
  topics: ReadonlyArray<{ topic: string; compression: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd' }>,
): Promise<void> {
  const { classPath } = await compiled(broker.version);
  await run('java', [
    '-Xmx256m', '-XX:TieredStopAtLevel=1', '-Dlog4j.configuration=file:/dev/null', '-Dlog4j2.configurationFile=/dev/null',
    '-cp', classPath, 'JavaProducer', broker.bootstrap.plaintext, String(count), ...topics.map((t) => `${t.topic}:${t.compression}`),
  ]);
}

/** Reads up to `count` records of partition 0 with the Java consumer: [key, value] pairs. */
export async function runJavaConsumer(
  broker: Pick<KafkaTestBroker, 'version' | 'bootstrap'>,
  topic: string,
  count: number,
  timeoutMs = 15_000,
): Promise<Array<[string, string]>> {
  const { classPath } = await compiled(broker.version);
  const { stdout } = await run('java', [
    '-Xmx256m', '-XX:TieredStopAtLevel=1', '-Dlog4j.configuration=file:/dev/null', '-Dlog4j2.configurationFile=/dev/null',
    '-cp', classPath, 'JavaConsumer', broker.bootstrap.plaintext, topic, String(count), String(timeoutMs),
  ]);
  return stdout.split('\n').filter((l) => l.includes('\t')).map((l) => {
    const [key, value] = l.split('\t', 2) as [string, string];
    return [key, Buffer.from(value, 'base64').toString('utf8')];
  });
}
