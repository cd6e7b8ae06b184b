import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatProjectIssue, loadProject, loadTestConfig, ProjectError } from './index.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const temps: string[] = [];
after(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

async function testConfig(config: unknown, data: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-testconfig-'));
  temps.push(dir);
  for (const [name, content] of Object.entries(data)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  const file = path.join(dir, 'testConfig.json');
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

describe('loadTestConfig', () => {
  it('reads the CI/CD tool\'s format with paths relative to the config, "JSON" formats and string booleans', async () => {
    const project = await loadProject(path.join(fixtures, 'full'));
    const config = await loadTestConfig(project.testConfigFile ?? '', project);
    const dir = path.join(fixtures, 'full', 'test');
    assert.equal(config.script, 'C:\\jobs\\full\\Full.asaql');
    assert.deepEqual(config.testCases, [{
      name: 'Case 1',
      inputs: [{ alias: 'telemetry', kind: 'stream', format: 'Json', filePath: path.join(dir, 'case1', 'telemetry.json') }],
      expectedOutputs: [
        { alias: 'alerts', filePath: path.join(dir, 'case1', 'alerts.json'), ignoreFields: ['EventProcessedUtcTime'], required: true },
        // Required false: not compared, so its FilePath need not exist (cicd-tools docs).
        { alias: 'archive', filePath: path.join(dir, '[N/A]'), ignoreFields: [], required: false },
      ],
    }]);
    assert.deepEqual(config.warnings, []);
  });

  it('defaults Required to true, ignores ScriptType values other than InputMock, and needs no project', async () => {
    const file = await testConfig({
      TestCases: [{ Name: 'c', Inputs: [{ InputAlias: 'in', Type: 'Data Stream', Format: 'Csv', FilePath: 'in.csv', ScriptType: 'Whatever' }], ExpectedOutputs: [{ OutputAlias: 'o', FilePath: 'o.json' }] }],
    }, { 'in.csv': 'a\n1\n', 'o.json': '[]' });
    const config = await loadTestConfig(file);
    assert.equal(config.testCases[0]?.expectedOutputs[0]?.required, true);
    assert.equal(config.testCases[0]?.inputs[0]?.format, 'Csv');
  });

  it('reports missing data files, duplicate inputs and unknown aliases together', async () => {
    const project = await loadProject(path.join(fixtures, 'full'));
    const file = await testConfig({
      TestCases: [{
        Name: 'c',
        Inputs: [
          { InputAlias: 'telemetri', FilePath: 'in.json' },
          { InputAlias: 'TELEMETRI', FilePath: 'in.json' },
        ],
        ExpectedOutputs: [{ OutputAlias: 'alerts', FilePath: 'missing.json', Required: true }],
      }],
    }, { 'in.json': '[]' });
    try {
      await loadTestConfig(file, project);
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(e instanceof ProjectError);
      assert.deepEqual(e.issues.map((i) => formatProjectIssue({ ...i, file: 'testConfig.json' })), [
        'testConfig.json:7:25: warning: TestCases[0].Inputs[0].InputAlias is "telemetri", which the project does not define (did you mean telemetry?)',
        'testConfig.json:11:25: TestCases[0].Inputs[1].InputAlias gives input "TELEMETRI" twice in one test case',
        'testConfig.json:11:25: warning: TestCases[0].Inputs[1].InputAlias is "TELEMETRI", which the project does not define (did you mean telemetry?)',
        'testConfig.json:18:23: TestCases[0].ExpectedOutputs[0].FilePath names "missing.json", which does not exist (paths are relative to testConfig.json)',
      ]);
    }
  });

  it('reports schema problems with positions', async () => {
    const file = await testConfig({ TestCases: [{ Inputs: [{ InputAlias: 'a', Format: 'Xml', FilePath: 'a' }] }] });
    await assert.rejects(loadTestConfig(file), (e: unknown) => {
      assert.ok(e instanceof ProjectError);
      const text = e.issues.map(formatProjectIssue).join('\n');
      assert.match(text, /TestCases\[0\]\.Name is required/);
      assert.match(text, /TestCases\[0\]\.Inputs\[0\]\.Format is "Xml"; allowed: Json, Csv, Avro, Parquet/);
      return true;
    });
  });
});
