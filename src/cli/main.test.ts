import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/sluice.js', import.meta.url));
const main = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('sluice CLI', () => {
  it('prints help with the product description', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e',
      `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(['node', 'sluice', '--help']);`]);
    assert.match(stdout, /Usage: sluice/);
    assert.match(stdout, /Azure Stream Analytics jobs against Apache Kafka/);
  });

  it('exits 2 on an unknown option', async () => {
    await assert.rejects(
      run(process.execPath, ['--input-type=module', '-e',
        `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(['node', 'sluice', '--no-such-option']);`]),
      (err: { code?: number; stderr?: string }) => err.code === 2 && /unknown option/.test(err.stderr ?? ''),
    );
  });

  // dist/ is built by `npm ci` (the prepare script) before any test runs.
  it('runs as the installed bin from the build', async () => {
    const { stdout } = await run(process.execPath, [bin, '--version']);
    assert.match(stdout.trim(), /^\d+\.\d+\.\d+$/);
  });
});

describe('CLI output', () => {
  it('never prints a secret value sluice has loaded, whatever the message', async () => {
    const { registerSecretValue } = await import('../app/index.ts');
    const { main } = await import('./main.ts');
    const secret = 'pa55-' + Math.random().toString(36).slice(2);
    registerSecretValue(secret);
    const lines: string[] = [];
    const code = await main(['node', 'sluice', 'run', `/nonexistent/${secret}/project`], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    assert.equal(code, 1);
    assert.ok(lines.length > 0);
    assert.ok(lines.every((l) => !l.includes(secret)), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('***')), 'the message should show where the secret was');
  });
});
