// Compiles (once per Kafka version, cached) and runs java/JavaProducer.java against the broker's own
// kafka-clients jar, so tests can read batches written by the reference Java producer.
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
const SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'java', 'JavaProducer.java');

async function compiled(version: string): Promise<{ classDir: string; classPath: string }> {
  const libs = await resolveKafkaJars(version);
  const hash = createHash('sha256').update(await readFile(SOURCE)).digest('hex').slice(0, 12);
  const classDir = join(cacheRoot(), 'kafka', version, `java-producer-${hash}`);
  const classPath = `${classDir}:${join(libs, '*')}`;
  if (!existsSync(join(classDir, 'JavaProducer.class'))) {
    await mkdir(classDir, { recursive: true });
    await run('javac', ['-cp', join(libs, '*'), '-d', classDir, SOURCE]);
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
