// `sluice init <dir>`: scaffolds an ASA project with a Kafka input, a Kafka output, a query, sample data and
// a passing test case, in the layout of the ASA tools for VS Code — a starting point for `sluice test`,
// `sluice check` and `sluice run`.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { SluiceError } from '../../common/index.ts';
import { scaffoldFiles } from './init-scaffold.ts';
import type { CommandIo } from './run-command.ts';

// Job names become consumer group and topic names, so they keep to Kafka's topic alphabet.
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const HOST_PORT = /^[A-Za-z0-9._-]+:\d{1,5}$|^\[[0-9A-Fa-f:.]+\]:\d{1,5}$/;

function usage(message: string): SluiceError {
  return new SluiceError('SLUICE_CLI_USAGE', message, { domain: 'user' });
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

export function initCommand(io: CommandIo = { out: (l) => console.log(l) }): Command {
  return new Command('init')
    .description('create a new ASA project: Kafka input, output, query, sample data and a test case')
    .argument('<dir>', 'folder for the project (created; must be empty if it exists)')
    .option('--name <name>', 'job name (default: the folder name); prefixes the consumer group and output topic')
    .option('--bootstrap <host:port>', 'Kafka bootstrap server of the input and output', 'localhost:9092')
    .option('--topic <topic>', 'input topic (default: <name>-input)')
    .addHelpText('after', `
Examples:
  sluice init ./my-job
  sluice init ./my-job --bootstrap kafka.internal:9092 --topic sensor-readings
  cd my-job && sluice test . && sluice check . && sluice run .`)
    .action(async (dirArg: string, options: { name?: string; bootstrap: string; topic?: string }) => {
      const dir = resolve(dirArg);
      const name = options.name ?? basename(dir);
      if (!NAME.test(name)) throw usage(`the job name "${name}" may hold only letters, digits, '.', '_' and '-' (at most 63); choose one with --name`);
      if (!HOST_PORT.test(options.bootstrap)) throw usage(`--bootstrap "${options.bootstrap}" is not host:port`);
      const topic = options.topic ?? `${name}-input`;
      if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic)) throw usage(`--topic "${topic}" is not a valid Kafka topic name`);
      if (!(await isEmptyOrMissing(dir))) {
        throw new SluiceError('SLUICE_INIT_NOT_EMPTY', `${dir} is not empty; sluice init writes only into a new or empty folder`, { domain: 'user' });
      }
      const files = scaffoldFiles({ name, bootstrap: options.bootstrap, topic });
      for (const [path, content] of files) {
        const target = join(dir, path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, content, { flag: 'wx' });
      }
      const where = dirArg;
      io.out(`created ASA project '${name}' in ${where}: ${[...files.keys()].join(', ')}`);
      io.out('next:');
      io.out(`  sluice test ${where}     run the test case on the sample data`);
      io.out(`  sluice check ${where}    connect to ${options.bootstrap}, check topic '${topic}' (LogAppendTime) and read one event`);
      io.out(`  sluice run ${where}      run the job on Kafka until Ctrl-C`);
    });
}
