// The sluice command line: parses arguments and hands each command to app/. Exit codes: 0 success,
// 1 the job or its input failed, 2 usage error, 70 internal error.
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { isSluiceError } from '../common/index.ts';
import { consoleOutput, redacting, type CliOutput } from './output.ts';
import { cliLogger, logLevelOption } from './cli-logger.ts';
import { CheckFailed, checkCommand } from './commands/check-command.ts';
import { explainCommand } from './commands/explain-command.ts';
import { initCommand } from './commands/init-command.ts';
import { runCommand, type CommandIo } from './commands/run-command.ts';
import { secretsCommand } from './commands/secrets-command.ts';
import { TestsFailed, testCommand } from './commands/test-command.ts';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export function buildProgram(output: CliOutput = consoleOutput()): Command {
  // The logger is replaced once --log-level is parsed (preAction below); commands read io.logger when they run.
  const io: CommandIo = { out: redacting(output).out, logger: cliLogger(output), ...(output.terminal ? { terminal: output.terminal } : {}) };
  const program = new Command('sluice')
    .description('Run Azure Stream Analytics jobs against Apache Kafka, self-hosted.')
    .version(version, '-v, --version')
    .showHelpAfterError()
    .exitOverride()
    // A program option is accepted before and after the command name: `sluice run x --log-level debug`.
    .addOption(logLevelOption())
    .configureHelp({ showGlobalOptions: true })
    .hook('preAction', () => { io.logger = cliLogger(output, (program.opts() as { logLevel: string }).logLevel); });
  program.addCommand(runCommand(io));
  program.addCommand(testCommand(io));
  program.addCommand(checkCommand(io));
  program.addCommand(explainCommand(io));
  program.addCommand(initCommand(io));
  program.addCommand(secretsCommand(io));
  program.addHelpText('after', `
An ASA project is a folder with asaproj.json, a .asaql query, JobConfig.json, Inputs/, Outputs/ and
Functions/ — as made by the Azure Stream Analytics tools for VS Code. Documentation: docs/README.md`);
  // Each command's --help lists --log-level too (addCommand does not inherit help settings).
  for (const command of program.commands) command.configureHelp({ showGlobalOptions: true });
  // Nor exitOverride: without it a subcommand's usage error would exit 1 by itself instead of 2.
  const overrideExits = (command: Command): void => {
    for (const sub of command.commands) { sub.exitOverride().showHelpAfterError(); overrideExits(sub); }
  };
  overrideExits(program);
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
      // A command's own argument checks (SLUICE_CLI_USAGE) are usage errors, like commander's.
      return err.domain === 'internal' ? 70 : err.code === 'SLUICE_CLI_USAGE' ? 2 : 1;
    }
    output.err(`internal error (this is a bug in sluice; please report it): ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return 70;
  }
}
