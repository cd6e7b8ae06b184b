// `sluice explain <project>`: prints the query's plan — steps, operators, inputs and outputs — and how the
// job is partitioned (what each input is, and what keys each stateful operator's state), without running
// anything; the quickest way to see how sluice understood a query.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { explain, explainPartitioning, planProject } from '../../app/index.ts';
import type { Project } from '../../project/index.ts';
import { loadProject } from '../../project/index.ts';
import type { CommandIo } from './run-command.ts';

export function explainCommand(io: CommandIo = { out: (l) => console.log(l) }): Command {
  return new Command('explain')
    .description('print how sluice plans the project\'s query')
    .argument('<project>', 'asaproj.json, or the folder holding it')
    .addHelpText('after', '\nExample:\n  sluice explain ./MyAsaProject')
    .action(async (path: string) => {
      const project = await loadProject(resolve(path));
      const plan = planProject(project);
      io.out(`${explain(plan)}\n${explainPartitioning(plan, (alias) => describeInput(project, alias))}`);
    });
}

/** How an input's events reach the job, for the partitioning section. */
function describeInput(project: Project, alias: string): string {
  const spec = project.job.inputs.find((i) => i.alias.toLowerCase() === alias.toLowerCase());
  if (spec === undefined) return 'not defined in the project';
  if (spec.kind === 'reference') return 'reference data, read whole (not partitioned)';
  if (spec.source.kind === 'kafka') {
    return `Kafka topic ${spec.source.properties.topic}: every partition assigned to this job's consumer group `
      + `member, merged in event-time order (watermark: the minimum over the partitions)`;
  }
  return 'a local file (--local), one partition';
}
