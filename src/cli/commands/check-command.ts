// `sluice check <project>`: tests each Kafka input's connection, credentials, topic, partitions and timestamp
// type, and reads one event to show it deserialized — the "test connection" of ASA's portal, on the command
// line. Exits 1 when any input fails a step. Never prints a secret.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { SluiceError } from '../../common/index.ts';
import { checkProject, projectSecretStore } from '../../app/index.ts';
import { loadProject } from '../../project/index.ts';
import type { CommandIo } from './run-command.ts';

export class CheckFailed extends SluiceError {
  constructor(failed: string[]) {
    super('SLUICE_CHECK_FAILED', `check failed for input ${failed.map((a) => `'${a}'`).join(', ')}`, { domain: 'user' });
  }
}

export function checkCommand(io: CommandIo = { out: (l) => console.log(l) }): Command {
  return new Command('check')
    .description('test each Kafka input: credentials, connection, topic, partitions, timestamp type, one event')
    .argument('<project>', 'asaproj.json, or the folder holding it')
    .option('--read-timeout <ms>', 'how long to wait for an event', '5000')
    .addHelpText('after', `
Secrets are read from the store chosen by SLUICE_SECRETS_PROVIDER (default: the project's ./secrets folder;
see docs/secrets.md).

Example:
  sluice check ./MyAsaProject`)
    .action(async (project: string, options: { readTimeout: string }) => {
      const loaded = await loadProject(resolve(project));
      const results = await checkProject(loaded, projectSecretStore(loaded.job, loaded.rootDir), { readTimeoutMs: Number(options.readTimeout) });
      for (const input of results) {
        io.out(`input '${input.alias}':`);
        for (const s of input.steps) io.out(`  ${s.ok ? '✔' : '✖'} ${s.step}: ${s.detail}`);
      }
      const failed = results.filter((r) => !r.ok).map((r) => r.alias);
      if (failed.length > 0) throw new CheckFailed(failed);
    });
}
