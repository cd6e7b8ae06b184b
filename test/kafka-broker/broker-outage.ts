// Stops and starts the same broker process again (same data directory, ports and users) for fault tests:
// "the broker is down for 20 s". Only for a broker the test started itself — never the shared one.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KafkaTestBroker } from './broker.ts';
import { alive, portOpen, spawnWatched, tail } from './process-watchdog.ts';

interface SavedCommand {
  command: string[];
  ports: number[];
}

/** Stops the broker's JVM (a clean shutdown, SIGKILL after `graceMs`) but keeps its data and folder. */
export async function stopBrokerProcess(broker: KafkaTestBroker, graceMs = 15_000): Promise<void> {
  if (!alive(broker.pid)) return;
  // The watchdog traps TERM, stops the JVM and exits; its folder stays (only an owner's death removes it).
  try { process.kill(-broker.pid, 'SIGTERM'); } catch { /* already gone */ }
  const deadline = Date.now() + graceMs;
  while (alive(broker.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  try { process.kill(-broker.pid, 'SIGKILL'); } catch { /* already gone */ }
  const { ports } = JSON.parse(await readFile(join(broker.runDir, 'command.json'), 'utf8')) as SavedCommand;
  while ((await Promise.all(ports.map(portOpen))).some(Boolean)) await new Promise((r) => setTimeout(r, 100));
}

/** Starts the stopped broker again; updates `broker.pid`; resolves once it serves every listener. */
export async function startBrokerProcess(broker: KafkaTestBroker, readyTimeoutMs = 90_000, ownerPid = process.pid): Promise<void> {
  const { command, ports } = JSON.parse(await readFile(join(broker.runDir, 'command.json'), 'utf8')) as SavedCommand;
  const before = (await readFile(broker.logPath, 'utf8')).split('Kafka Server started').length;
  broker.pid = spawnWatched(command, { ownerPid, runDir: broker.runDir, logPath: broker.logPath });
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (!alive(broker.pid)) throw new Error(`the restarted broker exited; its log ends with:\n${await tail(broker.logPath)}`);
    const started = (await readFile(broker.logPath, 'utf8')).split('Kafka Server started').length > before;
    if (started && (await Promise.all(ports.map(portOpen))).every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`the restarted broker was not ready within ${readyTimeoutMs} ms:\n${await tail(broker.logPath)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
