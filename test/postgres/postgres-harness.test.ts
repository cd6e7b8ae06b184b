// The PostgreSQL test harness itself: a server started by a process that then dies (kill -9) is stopped
// and its folder removed by the watchdog, so aborted runs leave nothing behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { processAlive as alive } from '../helpers/process-alive.ts';

const harness = fileURLToPath(new URL('../postgres/index.ts', import.meta.url));

describe('PostgreSQL test harness', () => {
  it('stops the server and removes its folder when the owning process is killed', async () => {
    const script = `import { startPostgresServer } from ${JSON.stringify(harness)};
      const s = await startPostgresServer();
      console.log(JSON.stringify(s));
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before starting a server`)));
    });
    const server = JSON.parse(line) as { runDir: string; dataDir: string; pid: number };
    const postmaster = Number((await import('node:fs/promises').then((fs) => fs.readFile(`${server.dataDir}/postmaster.pid`, 'utf8'))).split('\n')[0]);
    assert.ok(alive(postmaster));
    child.kill('SIGKILL');
    const deadline = Date.now() + 15_000;
    while ((alive(postmaster) || existsSync(server.runDir)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(postmaster), false, 'the server was stopped');
    assert.equal(existsSync(server.runDir), false, 'its folder was removed');
  });
});
