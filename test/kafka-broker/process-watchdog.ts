// Process plumbing shared by the test brokers: free loopback ports, and a JVM started under a small shell
// watchdog that kills it and removes its folder when the process that started it dies without stopping it
// (kill -9, a CI timeout) — so an aborted test run never leaves a broker behind.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { processAlive } from '../helpers/process-alive.ts';

export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<Server>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

export async function tail(path: string, lines = 40): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).split('\n').slice(-lines).join('\n');
  } catch {
    return '(no broker log)';
  }
}

export const alive = processAlive;

// Runs the JVM; when the owner dies without stopping it (kill -9, CI timeout), kills it and removes the
// run folder, which nobody else is left to clean up.
export const WATCHDOG = `
owner="$1"; rundir="$2"; shift 2
"$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM INT
while kill -0 "$child" 2>/dev/null; do
  if [ "$owner" != 0 ] && ! kill -0 "$owner" 2>/dev/null; then
    kill -KILL "$child" 2>/dev/null; wait "$child"; rm -rf "$rundir"; exit 0
  fi
  sleep 0.5
done
wait "$child"
`;

/** Starts `command` under the watchdog with its output appended to logPath; returns the watchdog's pid. */
export function spawnWatched(command: readonly string[], options: { ownerPid: number; runDir: string; logPath: string }): number {
  const out = openSync(options.logPath, 'a');
  const child = spawn('bash', ['-c', WATCHDOG, 'kafka-watchdog', String(options.ownerPid), options.runDir, ...command], {
    stdio: ['ignore', out, out], detached: true,
  });
  closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not spawn ${command[0]} (is it on PATH?)`);
  return child.pid;
}

/** SIGTERM to the watchdog's process group, SIGKILL after the grace period, then the run folder goes. */
export async function stopWatched(pid: number, runDir: string, graceMs = 8000): Promise<void> {
  if (alive(pid)) {
    try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
    const deadline = Date.now() + graceMs;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  if (!process.env['SLUICE_KEEP_KAFKA_DIR'] && existsSync(runDir)) await rm(runDir, { recursive: true, force: true });
}
