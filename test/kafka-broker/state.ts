// Hands a running broker's connection details from whoever started it (the test runner, or
// `npm run kafka:start` for development) to the tests, as a JSON file named by SLUICE_TEST_KAFKA.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { KafkaTestBroker } from './broker.ts';

/** Where `npm run kafka:start` leaves its broker's details (inside the repo, git-ignored). */
export function brokerStatePath(root = process.cwd()): string {
  return join(root, '.sluice-test', 'kafka.json');
}

export async function writeBrokerState(path: string, broker: KafkaTestBroker): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Holds test-only credentials of a throw-away broker; still, keep it private to this user.
  await writeFile(path, JSON.stringify(broker, null, 2), { mode: 0o600 });
}

export function readBrokerState(path: string): KafkaTestBroker | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as KafkaTestBroker;
}
