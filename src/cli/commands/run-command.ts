// `sluice run <project>`: live mode reads the job's Kafka inputs and writes its outputs until stopped
// (SIGINT/SIGTERM: drain, commit, exit 0). With --local it runs on the inputs' local files (InputMocks) and
// writes each output to LocalRunOutputs/<alias>.json — ASA's "run locally with sample data", without
// Azure, .NET or Windows.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { projectSecretStore, runLive, runLocal } from '../../app/index.ts';
import { loadProject } from '../../project/index.ts';

export interface CommandIo {
  out: (line: string) => void;
}

export function runCommand(io: CommandIo = { out: (l) => console.log(l) }): Command {
  return new Command('run')
    .description('run an ASA project')
    .argument('<project>', 'asaproj.json, or the folder holding it')
    .option('--local', 'read each input from its local file (Inputs/Local_<alias>.json) instead of Kafka')
    .option('--output-dir <dir>', 'where local runs write <output>.json (default: LocalRunOutputs beside the project file)')
    .addHelpText('after', `
Live mode reads Kafka inputs from the start position of JobConfig.json's OutputStartMode (JobStartTime: now;
CustomTime: OutputStartTime; LastOutputEventTime: where the job's consumer group left off) and writes Kafka
outputs; secrets come from the store chosen by SLUICE_SECRETS_PROVIDER (docs/secrets.md).

Examples:
  sluice run ./MyAsaProject
  sluice run ./MyAsaProject --local
  sluice run ./MyAsaProject/asaproj.json --local --output-dir /tmp/out`)
    .action(async (project: string, options: { local?: boolean; outputDir?: string }) => {
      const loaded = await loadProject(resolve(project));
      for (const w of loaded.warnings) io.out(`warning: ${w.file}${w.line ? `:${w.line}:${w.column}` : ''}: ${w.message}`);
      if (!options.local) {
        const stop = new AbortController();
        const onSignal = (signal: NodeJS.Signals) => {
          io.out(`${signal}: draining — finishing writes and committing offsets`);
          stop.abort();
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          const summary = await runLive(loaded, { store: projectSecretStore(loaded.job, loaded.rootDir), signal: stop.signal, log: io.out });
          for (const i of summary.inputs) io.out(`input  '${i.alias}': ${i.events} events, ${i.undecodable} messages skipped`);
        } finally {
          process.removeListener('SIGINT', onSignal);
          process.removeListener('SIGTERM', onSignal);
        }
        return;
      }
      const result = await runLocal(loaded, options.outputDir ? { outputDir: resolve(options.outputDir) } : {});
      for (const i of result.inputs) io.out(`input  '${i.alias}': ${i.events} events`);
      for (const o of result.outputs) io.out(`output '${o.alias}': ${o.rows} rows → ${o.file ?? '(memory)'}`);
    });
}
