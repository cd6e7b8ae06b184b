// Everything the CLI prints goes through `redacting`, and so through the registry of secret values sluice has
// loaded: even a message nobody foresaw (a library's error text, a stack trace) cannot show a password or a
// key, whichever output the lines are sent to.
import { redactSecrets } from '../app/index.ts';

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
  /** stderr, when it is a terminal: logs are made readable and `sluice run` draws its status line there. */
  terminal?: { write(text: string): unknown; columns?: number };
}

export function consoleOutput(stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): CliOutput {
  return {
    out: (line) => { stdout.write(`${line}\n`); },
    err: (line) => { stderr.write(`${line}\n`); },
    ...((stderr as NodeJS.WriteStream).isTTY ? { terminal: stderr as NodeJS.WriteStream } : {}),
  };
}

export function redacting(output: CliOutput): CliOutput {
  return {
    out: (line) => output.out(redactSecrets(line)),
    err: (line) => output.err(redactSecrets(line)),
    ...(output.terminal ? { terminal: output.terminal } : {}),
  };
}
