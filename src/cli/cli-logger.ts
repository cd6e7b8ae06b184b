// The logger behind `--log-level` (every command): pino JSON lines on stderr, or readable lines when stderr
// is a terminal, every line passed through the registry of loaded secret values. stdout stays for what a
// command produces (results, Console output rows), so it can be piped without log lines in it.
import { Option } from 'commander';
import { DEFAULT_LOG_LEVEL, LOG_LEVELS, createLogger, redactSecrets, type Logger } from '../app/index.ts';
import type { CliOutput } from './output.ts';

// A status line may be on the terminal's current line; a log line first erases it (it is redrawn within a second).
const CLEAR_LINE = '\r\x1b[2K';

export function logLevelOption(): Option {
  return new Option('--log-level <level>', 'log threshold').choices(LOG_LEVELS).default(DEFAULT_LOG_LEVEL);
}

export function cliLogger(output: CliOutput, level: string = DEFAULT_LOG_LEVEL): Logger {
  const tty = output.terminal !== undefined;
  return createLogger({
    level,
    pretty: tty,
    redact: redactSecrets,
    write: (text) => output.err(`${tty ? CLEAR_LINE : ''}${text.replace(/\n$/, '')}`),
  });
}
