// Resolves the Apache Kafka broker jars from Maven Central (through Maven and ./pom.xml) into a cache
// folder that survives between runs, so only the first run on a machine pays for the download.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cacheRoot } from './paths.ts';

const run = promisify(execFile);
const POM = join(dirname(fileURLToPath(import.meta.url)), 'pom.xml');

export const DEFAULT_KAFKA_VERSION = '3.9.1';
/** The 4.x line the suite also runs against (KAFKA_VERSION=4 selects it). */
export const KAFKA4_VERSION = '4.2.0';

/** KAFKA_VERSION may be a full version, or "3" / "4" for the pinned version of that line. */
export function selectedKafkaVersion(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env['KAFKA_VERSION']?.trim();
  if (!wanted || wanted === '3') return DEFAULT_KAFKA_VERSION;
  if (wanted === '4') return KAFKA4_VERSION;
  if (!/^\d+\.\d+\.\d+$/.test(wanted)) throw new Error(`KAFKA_VERSION must be 3, 4 or x.y.z, not "${wanted}"`);
  return wanted;
}

export function majorOf(version: string): number {
  return Number(version.split('.')[0]);
}

/** Returns the folder holding every jar of the broker's runtime class path. */
export async function resolveKafkaJars(version: string): Promise<string> {
  const libs = join(cacheRoot(), 'kafka', version, 'libs');
  if (existsSync(join(libs, '.complete'))) return libs;

  const partial = `${libs}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const args = [
    '-q', '-B', '-f', POM, `-Dkafka.version=${version}`,
    ...(majorOf(version) >= 4 ? ['-Dkafka4'] : []),
    'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies',
    `-DoutputDirectory=${partial}`, '-DincludeScope=runtime',
  ];
  try {
    await run('mvn', args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`could not resolve Kafka ${version} from Maven Central: ${(e.stdout || e.stderr || e.message).slice(-2000)}`, { cause: err });
  }
  const jars = (await readdir(partial)).filter((f) => f.endsWith('.jar'));
  if (!jars.some((j) => j.startsWith(`kafka_2.13-${version}`))) {
    throw new Error(`Maven resolved no kafka_2.13-${version} jar into ${partial}`);
  }
  await writeFile(join(partial, '.complete'), jars.join('\n'));
  // Another run may have finished first; either copy is complete, keep the one that is there.
  if (!existsSync(join(libs, '.complete'))) {
    await rm(libs, { recursive: true, force: true });
    await rename(partial, libs);
  } else {
    await rm(partial, { recursive: true, force: true });
  }
  return libs;
}
