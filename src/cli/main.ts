// The sluice command line: parses arguments and hands each command to app/. Exit codes: 0 success,
// 1 the job or its input failed, 2 usage error, 70 internal error.
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { isSluiceError } from '../common/index.ts';
import { CheckFailed, checkCommand } from './commands/check-command.ts';
import { explainCommand } from './commands/explain-command.ts';
import { runCommand } from './commands/run-command.ts';
import { secretsCommand } from './commands/secrets-command.ts';
import { TestsFailed, testCommand } from './commands/test-command.ts';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export function buildProgram(): Command {
  const program = new Command('sluice')
    .description('Run Azure Stream Analytics jobs against Apache Kafka, self-hosted.')
    .version(version, '-v, --version')
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(runCommand());
  program.addCommand(testCommand());
  program.addCommand(checkCommand());
  program.addCommand(explainCommand());
  program.addCommand(secretsCommand());
  program.addHelpText('after', `
An ASA project is a folder with asaproj.json, a .asaql query, JobConfig.json, Inputs/, Outputs/ and
Functions/ — as made by the Azure Stream Analytics tools for VS Code. Documentation: docs/README.md`);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof TestsFailed || err instanceof CheckFailed) {
      console.error(err.message);
      return 1;
    }
    if (isSluiceError(err)) {
      console.error(err.format());
      return err.domain === 'internal' ? 70 : 1;
    }
    console.error(`internal error (this is a bug in sluice; please report it): ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return 70;
  }
}
