// The sluice command line: parses arguments and hands each command to app/. Exit codes: 0 success,
// 1 the job or its input failed, 2 usage error, 70 internal error.
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { isSluiceError } from '../common/index.ts';
import { consoleOutput, redacting, type CliOutput } from './output.ts';
import { CheckFailed, checkCommand } from './commands/check-command.ts';
import { explainCommand } from './commands/explain-command.ts';
import { runCommand } from './commands/run-command.ts';
import { secretsCommand } from './commands/secrets-command.ts';
import { TestsFailed, testCommand } from './commands/test-command.ts';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export function buildProgram(output: CliOutput = consoleOutput()): Command {
  const io = { out: redacting(output).out };
  const program = new Command('sluice')
    .description('Run Azure Stream Analytics jobs against Apache Kafka, self-hosted.')
    .version(version, '-v, --version')
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(runCommand(io));
  program.addCommand(testCommand(io));
  program.addCommand(checkCommand(io));
  program.addCommand(explainCommand(io));
  program.addCommand(secretsCommand(io));
  program.addHelpText('after', `
An ASA project is a folder with asaproj.json, a .asaql query, JobConfig.json, Inputs/, Outputs/ and
Functions/ — as made by the Azure Stream Analytics tools for VS Code. Documentation: docs/README.md`);
  return program;
}

/** `sluice … | head` closes the pipe early; that ends the command quietly, as it does for other tools. */
function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
}

export async function main(argv: readonly string[], rawOutput: CliOutput = consoleOutput()): Promise<number> {
  exitQuietlyOnClosedPipe();
  const output = redacting(rawOutput);
  const program = buildProgram(rawOutput);
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof TestsFailed || err instanceof CheckFailed) {
      output.err(err.message);
      return 1;
    }
    if (isSluiceError(err)) {
      output.err(err.format());
      return err.domain === 'internal' ? 70 : 1;
    }
    output.err(`internal error (this is a bug in sluice; please report it): ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return 70;
  }
}
