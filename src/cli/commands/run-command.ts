// `sluice run <project> --local`: runs an ASA project on its inputs' local files (InputMocks) and writes
// each output to LocalRunOutputs/<alias>.json — ASA's "run locally with sample data", without Azure, .NET or
// Windows. Live mode (reading Kafka until stopped) arrives with the Kafka input.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { SluiceError } from '../../common/index.ts';
import { runLocal } from '../../app/index.ts';
import { loadProject } from '../../project/index.ts';

export interface CommandIo {
  out: (line: string) => void;
}

export function runCommand(io: CommandIo = { out: (l) => console.log(l) }): Command {
  return new Command('run')
    .description('run an ASA project')
    .argument('<project>', 'asaproj.json, or the folder holding it')
    .option('--local', 'read each input from its local file (Inputs/Local_<alias>.json) instead of its live source')
    .option('--output-dir <dir>', 'where local runs write <output>.json (default: LocalRunOutputs beside the project file)')
    .addHelpText('after', `
Examples:
  sluice run ./MyAsaProject --local
  sluice run ./MyAsaProject/asaproj.json --local --output-dir /tmp/out`)
    .action(async (project: string, options: { local?: boolean; outputDir?: string }) => {
      if (!options.local) {
        throw new SluiceError('SLUICE_CLI_LIVE_UNAVAILABLE', 'live mode (reading the inputs\' Kafka topics until stopped) is not available in this version of sluice', {
          domain: 'user', hint: 'run with --local to use the inputs\' local files',
        });
      }
      const loaded = await loadProject(resolve(project));
      for (const w of loaded.warnings) io.out(`warning: ${w.file}${w.line ? `:${w.line}:${w.column}` : ''}: ${w.message}`);
      const result = await runLocal(loaded, options.outputDir ? { outputDir: resolve(options.outputDir) } : {});
      for (const i of result.inputs) io.out(`input  '${i.alias}': ${i.events} events`);
      for (const o of result.outputs) io.out(`output '${o.alias}': ${o.rows} rows → ${o.file ?? '(memory)'}`);
    });
}
