// Runs one of Kafka's own command-line tools (what kafka-configs.sh, kafka-topics.sh … run) from the
// broker's jars, so tests can check our advice against the real tools and use producers we did not write.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KafkaTestBroker } from './broker.ts';
import { resolveKafkaJars } from './jars.ts';

const run = promisify(execFile);

export async function runKafkaTool(
  broker: Pick<KafkaTestBroker, 'version'>,
  mainClass: string,
  args: readonly string[],
): Promise<{ stdout: string; stderr: string }> {
  const libs = await resolveKafkaJars(broker.version);
  return run('java', ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-Dlog4j.configuration=file:/dev/null', '-Dlog4j2.configurationFile=/dev/null',
    '-cp', join(libs, '*'), mainClass, ...args], { maxBuffer: 16 * 1024 * 1024 });
}
