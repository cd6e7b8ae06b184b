// `sluice test <project>`: runs the test cases of test/testConfig.json (the format of ASA's CI/CD tool,
// azure-streamanalytics-cicd) and writes testResultSummary.json in the same shape; exits 1 when a case
// fails, so pipelines built around ASA's tool keep working.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { SluiceError } from '../../common/index.ts';
import { testProject } from '../../app/index.ts';
import { loadProject } from '../../project/index.ts';
import type { CommandIo } from './run-command.ts';

export class TestsFailed extends SluiceError {
  constructor(failed: number, total: number) {
    super('SLUICE_TEST_FAILED', `${failed} of ${total} test cases failed`, { domain: 'user' });
  }
}

export function testCommand(io: CommandIo = { out: (l) => console.log(l) }): Command {
  return new Command('test')
    .description('run the project\'s test cases (test/testConfig.json) and compare outputs with the expected ones')
    .argument('[project]', 'asaproj.json, or the folder holding it (or use --project)')
    .option('--project <project>', 'as the argument, the way azure-streamanalytics-cicd spells it')
    .option('--testConfigPath <file>', 'testConfig.json (default: test/testConfig.json of the project)')
    .option('--outputPath <dir>', 'where testResultSummary.json and the actual outputs go (default: the current folder)')
    .addHelpText('after', `
Examples:
  sluice test ./MyAsaProject
  sluice test --project ./MyAsaProject/asaproj.json --testConfigPath ./MyAsaProject/test/testConfig.json --outputPath ./results`)
    .action(async (projectArg: string | undefined, options: { project?: string; testConfigPath?: string; outputPath?: string }) => {
      const project = projectArg ?? options.project;
      if (!project) throw new SluiceError('SLUICE_CLI_USAGE', 'name the project: sluice test <project>', { domain: 'user' });
      const loaded = await loadProject(resolve(project));
      const outputPath = resolve(options.outputPath ?? '.');
      const summary = await testProject(loaded, {
        outputPath,
        log: io.out,
        ...(options.testConfigPath ? { testConfigPath: resolve(options.testConfigPath) } : {}),
      });
      io.out(`${summary.Passed} passed, ${summary.Failed} failed of ${summary.Total} test cases; summary: ${resolve(outputPath, 'testResultSummary.json')}`);
      if (summary.Failed > 0) throw new TestsFailed(summary.Failed, summary.Total);
    });
}
