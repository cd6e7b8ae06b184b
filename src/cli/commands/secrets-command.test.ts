// Runs `sluice secrets set|check` through commander against a temp folder, with a certificate made by
// the openssl CLI.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { secretsCommand } from './secrets-command.ts';
import { tempDir } from '../../secrets/test-support/temp-dir.ts';

async function run(args: string[], stdin?: string, projectDir?: string): Promise<string[]> {
  const lines: string[] = [];
  const command = secretsCommand({
    out: (line) => lines.push(line),
    ...(stdin !== undefined ? { stdin: Readable.from([Buffer.from(stdin)]) } : {}),
    ...(projectDir ? { projectDir } : {}),
  });
  await command.parseAsync(args, { from: 'user' });
  return lines;
}

describe('sluice secrets', () => {
  it('set --file writes the file and prints where, never the value', async () => {
    const tmp = await tempDir('sluice-cli-secrets-');
    const input = path.join(tmp, 'password.txt');
    await writeFile(input, 'cli-password-value');
    const dir = path.join(tmp, 'store');
    const lines = await run(['set', 'kv1', 'kafka-password', '--file', input, '--dir', dir]);
    const file = path.join(dir, 'kv1', 'kafka-password');
    assert.deepEqual(lines, [`wrote secret 'kafka-password' of vault 'kv1' to ${file} (18 bytes, mode 0600)`]);
    assert.equal(await readFile(file, 'utf8'), 'cli-password-value');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
  });

  it('set --value-from-stdin drops the trailing newline; the default root is ./secrets of the project', async () => {
    const tmp = await tempDir('sluice-cli-secrets-');
    const previous = process.env['SLUICE_SECRETS_DIR'];
    delete process.env['SLUICE_SECRETS_DIR'];
    try {
      const lines = await run(['set', 'kv1', 'pw', '--value-from-stdin'], 'piped-secret\n', tmp);
      assert.equal(await readFile(path.join(tmp, 'secrets', 'kv1', 'pw'), 'utf8'), 'piped-secret');
      assert.ok(!lines.join('\n').includes('piped-secret'));
    } finally {
      if (previous !== undefined) process.env['SLUICE_SECRETS_DIR'] = previous;
    }
  });

  it('set without a source fails with a user error', async () => {
    await assert.rejects(run(['set', 'kv1', 'pw', '--dir', tmpdir()]), { code: 'SLUICE_SECRET_INPUT_MISSING' });
  });

  it('check prints subject, issuer and validity of a certificate secret', async () => {
    const tmp = await tempDir('sluice-cli-secrets-');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path.join(tmp, 'key.pem'),
      '-out', path.join(tmp, 'cert.pem'), '-subj', '/CN=kafka.example.test', '-days', '30',
    ], { stdio: 'ignore' });
    const dir = path.join(tmp, 'store');
    await run(['set', 'kv1', 'client-cert', '--file', path.join(tmp, 'cert.pem'), '--dir', dir]);
    const lines = await run(['check', 'kv1', 'client-cert', '--dir', dir]);
    assert.match(lines[0] ?? '', /^secret 'client-cert' in vault 'kv1' \(directory /);
    assert.equal(lines[1], 'certificate: CN=kafka.example.test');
    assert.equal(lines[2], '  issuer:  CN=kafka.example.test');
    assert.match(lines[3] ?? '', /^ {2}valid: {3}\d{4}-\d\d-\d\dT.* to \d{4}-/);
    assert.equal(lines.at(-1), 'ok');
  });

  it('check fails on a secret that is not PEM', async () => {
    const tmp = await tempDir('sluice-cli-secrets-');
    await run(['set', 'kv1', 'pw', '--value-from-stdin', '--dir', tmp], 'not-a-certificate\n');
    await assert.rejects(run(['check', 'kv1', 'pw', '--dir', tmp]), { code: 'SLUICE_SECRET_NOT_PEM' });
  });
});
