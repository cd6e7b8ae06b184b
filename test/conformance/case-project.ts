// Turns a conformance case into a real ASA project folder (asaproj.json, query, JobConfig.json, an
// InputMock per input, Console outputs, JS functions), so each case runs exactly as a user's project
// does: through `sluice run --local`.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ConformanceCase } from './case-loader.ts';

export async function writeCaseProject(c: ConformanceCase, dir: string): Promise<void> {
  await mkdir(join(dir, 'Inputs'), { recursive: true });
  await mkdir(join(dir, 'Outputs'), { recursive: true });
  await mkdir(join(dir, 'Functions'), { recursive: true });
  await mkdir(join(dir, 'Data'), { recursive: true });
  const configurations: Array<{ filePath: string; subType: string }> = [{ filePath: 'JobConfig.json', subType: 'JobConfig' }];
  const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

  await writeFile(join(dir, 'query.asaql'), c.query);
  await writeFile(join(dir, 'JobConfig.json'), json({
    CompatibilityLevel: c.spec.compatibilityLevel ?? '1.2',
    ...c.spec.jobConfig,
  }));
  for (const input of c.inputs) {
    const data = `Data/${input.alias}.json`;
    await copyFile(input.path, join(dir, data));
    await writeFile(join(dir, `Inputs/Local_${input.alias}.json`), json({
      InputAlias: input.alias, Type: input.reference ? 'Reference data' : 'Data Stream', Format: 'Json',
      FilePath: `../${data}`, ScriptType: 'InputMock',
    }));
    configurations.push({ filePath: `Inputs/Local_${input.alias}.json`, subType: 'InputMock' });
  }
  for (const output of c.expected) {
    await writeFile(join(dir, `Outputs/${output.alias}.json`), json({ Name: output.alias, DataSourceType: 'Console', ScriptType: 'Output' }));
    configurations.push({ filePath: `Outputs/${output.alias}.json`, subType: 'Output' });
  }
  for (const fn of c.functions) {
    await copyFile(fn.scriptPath, join(dir, 'Functions', basename(fn.scriptPath)));
    await copyFile(fn.bindingPath, join(dir, 'Functions', basename(fn.bindingPath)));
    configurations.push({ filePath: `Functions/${basename(fn.bindingPath)}`, subType: 'JSFunction' });
  }
  await writeFile(join(dir, 'asaproj.json'), json({ name: c.id.replace(/[^A-Za-z0-9-]/g, '-'), startFile: 'query.asaql', configurations }));
}
