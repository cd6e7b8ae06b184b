// `sluice explain <project>`: prints the query's plan — steps, operators, inputs and outputs — without
// running anything; the quickest way to see how sluice understood a query.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { explain, planProject } from '../../app/index.ts';
import { loadProject } from '../../project/index.ts';
import type { CommandIo } from './run-command.ts';

export function explainCommand(io: CommandIo = { out: (l) => console.log(l) }): Command {
  return new Command('explain')
    .description('print how sluice plans the project\'s query')
    .argument('<project>', 'asaproj.json, or the folder holding it')
    .addHelpText('after', '\nExample:\n  sluice explain ./MyAsaProject')
    .action(async (project: string) => {
      io.out(explain(planProject(await loadProject(resolve(project)))));
    });
}
