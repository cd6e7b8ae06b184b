// Starts a real PostgreSQL 15 server (Debian's /usr/lib/postgresql/15/bin) on loopback for the test suites,
// with one database and one password-protected user, and stops it again. initdb and postgres refuse to run
// as root, so when the tests run as root they run as the `postgres` user in a temporary folder it owns.
// The server runs under a small shell watchdog that kills it and removes the folder when the process that
// started it dies, so an aborted test run (Ctrl-C, kill -9, CI timeout) never leaves a server behind.
// stopPostgres / startPostgres stop and restart the same server on the same port (an outage in a test).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { processAlive as alive } from '../helpers/process-alive.ts';

const run = promisify(execFile);

export const POSTGRES_BIN = process.env['SLUICE_POSTGRES_BIN'] ?? '/usr/lib/postgresql/15/bin';

/** Everything a test needs to reach the server; plain data, so it can be handed over as JSON. */
export interface PostgresTestServer {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  runDir: string;
  dataDir: string;
  socketDir: string;
  logPath: string;
  /** The watchdog's pid (its process group holds the server); 0 while stopped. */
  pid: number;
  /** The OS user the server runs as ('postgres' when the tests run as root). */
  osUser: string | undefined;
  ownerPid: number;
}

export interface StartPostgresOptions {
  /** Pid whose death stops the server; defaults to this process. */
  ownerPid?: number;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

// Runs the server; when the owner dies without stopping it, kills it (by its postmaster.pid, since the
// server may run under another user via runuser) and removes the run folder nobody else will clean up.
const WATCHDOG = `
owner="$1"; rundir="$2"; datadir="$3"; shift 3
"$@" &
child=$!
killserver() {
  pm=$(head -n 1 "$datadir/postmaster.pid" 2>/dev/null)
  [ -n "$pm" ] && kill -"$1" "$pm" 2>/dev/null
  kill -"$1" "$child" 2>/dev/null
}
trap 'killserver INT; wait "$child"; exit 0' TERM INT
while kill -0 "$child" 2>/dev/null; do
  if ! kill -0 "$owner" 2>/dev/null; then
    killserver KILL; wait "$child"; rm -rf "$rundir"; exit 0
  fi
  sleep 0.5
done
wait "$child"
`;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Prefixes a command with runuser when we are root (initdb/postgres refuse to run as root). */
function asServerUser(osUser: string | undefined, file: string, args: string[]): [string, string[]] {
  return osUser === undefined ? [file, args] : ['runuser', ['-u', osUser, '--', file, ...args]];
}

async function tail(path: string, lines = 30): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

/** Creates a fresh cluster, starts it and creates the test database and user. */
export async function startPostgresServer(options: StartPostgresOptions = {}): Promise<PostgresTestServer> {
  const log = options.log ?? (() => {});
  const t0 = Date.now();
  const osUser = process.getuid?.() === 0 ? 'postgres' : undefined;
  const runDir = await mkdtemp(join(tmpdir(), 'sluice-postgres-'));
  const dataDir = join(runDir, 'data');
  const socketDir = join(runDir, 'socket');
  const logPath = join(runDir, 'server.log');
  await Promise.all([
    writeFile(logPath, ''),
    import('node:fs/promises').then((fs) => fs.mkdir(socketDir)),
  ]);
  if (osUser !== undefined) {
    const { uid, gid } = await lookupUser(osUser);
    for (const p of [runDir, socketDir, logPath]) await chown(p, uid, gid);
  }
  chmodSync(runDir, 0o700);
  const [initdb, initArgs] = asServerUser(osUser, join(POSTGRES_BIN, 'initdb'), [
    '-D', dataDir, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync',
  ]);
  try {
    await run(initdb, initArgs);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    await rm(runDir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(e.stderr || e.message).trim().slice(-2000)}`, { cause: err });
  }
  log(`initdb in ${Date.now() - t0} ms`);
  const server: PostgresTestServer = {
    host: '127.0.0.1',
    port: await freePort(),
    database: 'sluice_test',
    user: 'sluice',
    password: randomBytes(18).toString('base64url'),
    runDir,
    dataDir,
    socketDir,
    logPath,
    pid: 0,
    osUser,
    ownerPid: options.ownerPid ?? process.pid,
  };
  try {
    await startPostgres(server, options);
    const admin = new pg.Client({ host: socketDir, port: server.port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    try {
      // The password is random base64url: no quoting issue; still, pass it through format's %L.
      const { rows } = await admin.query<{ sql: string }>("SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', $1::text, $2::text) AS sql", [server.user, server.password]);
      await admin.query(rows[0]!.sql);
      await admin.query(`CREATE DATABASE ${server.database} OWNER ${server.user}`);
    } finally {
      await admin.end();
    }
  } catch (err) {
    await destroyPostgresServer(server);
    throw err;
  }
  log(`PostgreSQL ready on ${server.host}:${server.port} in ${Date.now() - t0} ms`);
  return server;
}

/** Starts (or restarts, on the same port) the server of an existing cluster and waits until it accepts connections. */
export async function startPostgres(server: PostgresTestServer, options: StartPostgresOptions = {}): Promise<void> {
  if (server.pid !== 0 && alive(server.pid)) return;
  const out = openSync(server.logPath, 'a');
  const [file, args] = asServerUser(server.osUser, join(POSTGRES_BIN, 'postgres'), [
    '-D', server.dataDir, '-k', server.socketDir, '-p', String(server.port), '-c', 'listen_addresses=127.0.0.1',
    // A throw-away server: durability settings off for speed (the sink's own fsync behaviour is not under test).
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
  ]);
  const child = spawn('bash', ['-c', WATCHDOG, 'postgres-watchdog', String(server.ownerPid), server.runDir, server.dataDir, file, ...args], {
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new Error('could not spawn the PostgreSQL server');
  server.pid = child.pid;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (!alive(server.pid)) throw new Error(`PostgreSQL exited during start-up; its log ends with:\n${await tail(server.logPath)}`);
    if (await accepts(server)) return;
    if (Date.now() > deadline) {
      await stopPostgres(server);
      throw new Error(`PostgreSQL was not ready within ${options.readyTimeoutMs ?? 30_000} ms; its log ends with:\n${await tail(server.logPath)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function accepts(server: PostgresTestServer): Promise<boolean> {
  const c = new pg.Client({ host: server.socketDir, port: server.port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Stops the server (fast shutdown: clients are disconnected), keeping its data for startPostgres. */
export async function stopPostgres(server: PostgresTestServer, graceMs = 10_000): Promise<void> {
  if (server.pid === 0) return;
  const pidFile = join(server.dataDir, 'postmaster.pid');
  const postmaster = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  const deadline = Date.now() + graceMs;
  // SIGINT to the postmaster itself is PostgreSQL's fast shutdown; the watchdog then exits with it.
  if (Number.isInteger(postmaster) && postmaster > 0 && alive(postmaster)) {
    try { process.kill(postmaster, 'SIGINT'); } catch { /* already gone */ }
    while (alive(postmaster) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (alive(postmaster)) try { process.kill(postmaster, 'SIGKILL'); } catch { /* already gone */ }
  }
  const watchdog = server.pid;
  while (alive(watchdog) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  // The process group holds the watchdog and runuser; make sure none survives.
  try { process.kill(-watchdog, 'SIGKILL'); } catch { /* already gone */ }
  server.pid = 0;
}

/** Stops the server and removes its files. */
export async function destroyPostgresServer(server: PostgresTestServer): Promise<void> {
  await stopPostgres(server);
  if (!process.env['SLUICE_KEEP_POSTGRES_DIR']) await rm(server.runDir, { recursive: true, force: true });
}

async function lookupUser(name: string): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['-u', name]);
  const { stdout: g } = await run('id', ['-g', name]);
  return { uid: Number(stdout.trim()), gid: Number(g.trim()) };
}
