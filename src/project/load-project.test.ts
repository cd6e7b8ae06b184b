import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isSluiceError } from '../common/index.ts';
import { formatProjectIssue, loadProject, ProjectError, type Project } from './index.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const temps: string[] = [];
after(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

/** Writes a small project to a temporary folder; values that are not strings are written as JSON. */
async function project(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-project-'));
  temps.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

const manifest = (configurations: { filePath: string; subType: string }[]) => ({ name: 'job', startFile: 'job.asaql', configurations });

async function failure(target: string): Promise<ProjectError> {
  try {
    await loadProject(target);
  } catch (e) {
    assert.ok(e instanceof ProjectError, String(e));
    assert.ok(isSluiceError(e));
    assert.equal(e.code, 'SLUICE_PROJECT_INVALID');
    assert.equal(e.domain, 'user');
    return e;
  }
  assert.fail('expected the project to be rejected');
}

function lines(e: ProjectError): string[] {
  return e.issues.filter((i) => i.severity === 'error').map(formatProjectIssue);
}

describe('loadProject: valid projects', () => {
  it('loads a minimal mock-only project from its folder, with ASA defaults', async () => {
    const p = await loadProject(path.join(fixtures, 'minimal'));
    assert.equal(p.name, 'minimal');
    assert.equal(p.queryText.trim(), 'SELECT * INTO [output] FROM [input]');
    assert.equal(p.queryFile, path.join(fixtures, 'minimal', 'minimal.asaql'));
    assert.equal(p.testConfigFile, undefined);
    assert.deepEqual(p.warnings, []);
    assert.equal(p.job.config.eventsLateArrivalMaxDelaySeconds, -1);
    assert.deepEqual(p.job.inputs.map((i) => [i.alias, i.source.kind, i.live, i.mock?.filePathResolved]), [
      ['input', 'local', false, path.join(fixtures, 'minimal', 'SampleData', 'input.json')],
    ]);
  });

  it('loads the same project from its asaproj.json', async () => {
    const p = await loadProject(path.join(fixtures, 'minimal', 'asaproj.json'));
    assert.equal(p.projectFile, path.join(fixtures, 'minimal', 'asaproj.json'));
  });

  describe('a project using every feature', () => {
    let loaded: Project | undefined;
    const full = async (): Promise<Project> => (loaded ??= await loadProject(path.join(fixtures, 'full')));

    it('reads the job settings', async () => {
      const { config } = (await full()).job;
      assert.equal(config.dataLocale, 'de-DE');
      assert.equal(config.outputErrorPolicy, 'Stop');
      assert.deepEqual(config.sku, { name: 'StandardV2', streamingUnits: 3 });
      assert.equal(config.compatibilityLevel, '1.1');
      assert.deepEqual(config.identity, { type: 'UserAssigned', clientId: '00000000-0000-0000-0000-000000000001' });
      assert.equal(config.outputStartTime, '2026-01-31T07:00:00.000Z');
    });

    it('reads every input, with \\ and / paths, and attaches mocks named Local_, local_ and LocalInput_', async () => {
      const p = await full();
      assert.deepEqual(p.job.inputs.map((i) => [i.alias, i.kind, i.source.kind, i.live, i.mock !== undefined]), [
        ['telemetry', 'stream', 'kafka', true, true],
        ['armKafka', 'stream', 'kafka', true, false],
        ['devices', 'reference', 'file', true, true],
        ['sites', 'reference', 'postgres', true, false],
        ['hub', 'stream', 'external', false, true],
        ['sensors', 'stream', 'kafka', true, false],
      ]);
      assert.equal(p.files.inputs['telemetry'], path.join(fixtures, 'full', 'Inputs', 'telemetry.json'));
      assert.equal(p.job.inputs[0]?.mock?.filePathResolved, path.join(fixtures, 'full', 'SampleData', 'telemetry.json'));
    });

    it('resolves paths inside definitions against the definition\'s folder', async () => {
      const p = await full();
      const devices = p.job.inputs.find((i) => i.alias === 'devices');
      assert.deepEqual(devices?.source, { kind: 'file', properties: { path: path.join(fixtures, 'full', 'refdata', 'devices.csv') } });
      const sensors = p.job.inputs.find((i) => i.alias === 'sensors');
      assert.deepEqual(sensors?.serialization, { type: 'Protobuf', protoFile: path.join(fixtures, 'full', 'proto', 'sensor.proto'), messageType: 'plant.SensorReading', prefixStyle: 'Base128' });
      const archive = p.job.outputs.find((o) => o.alias === 'archive');
      assert.equal(archive?.sink.kind === 'file' ? archive.sink.properties.path : '', path.join(fixtures, 'full', 'out', '{date}', '{time}', 'archive'));
    });

    it('reads outputs and functions', async () => {
      const p = await full();
      assert.deepEqual(p.job.outputs.map((o) => [o.alias, o.sink.kind, o.live]), [
        ['alerts', 'kafka', true], ['archive', 'file', true], ['warehouse', 'postgres', true], ['screen', 'console', true], ['lake', 'external', false],
      ]);
      assert.deepEqual(p.job.functions.map((f) => [f.name, f.kind, f.outputType]), [['toFahrenheit', 'scalar', 'float'], ['weightedAvg', 'aggregate', 'float']]);
      assert.match(p.job.functions[0]?.source ?? '', /function main\(celsius\)/);
      assert.equal(p.testConfigFile, path.join(fixtures, 'full', 'test', 'testConfig.json'));
      assert.deepEqual(p.warnings, []);
    });
  });

  it('matches file names and keys ignoring case, as ASA\'s Windows tools do', async () => {
    const dir = await project({
      'ASAPROJ.JSON': { NAME: 'job', STARTFILE: 'JOB.ASAQL', CONFIGURATIONS: [{ FILEPATH: 'inputs\\LOCAL_IN.JSON', SUBTYPE: 'inputmock' }] },
      'job.asaql': 'SELECT 1',
      'Inputs/Local_in.json': { inputalias: 'in', type: 'data stream', format: 'JSON', filepath: 'd.json', scripttype: 'InputMock' },
      'Inputs/d.json': '{}',
    });
    const p = await loadProject(dir);
    assert.deepEqual(p.job.inputs.map((i) => [i.alias, i.mock?.format]), [['in', 'Json']]);
  });

  it('warns about inputs that can neither run live nor from a mock', async () => {
    const dir = await project({
      'asaproj.json': manifest([{ filePath: 'Inputs/eh.json', subType: 'Input' }]),
      'job.asaql': 'SELECT 1',
      'Inputs/eh.json': { Name: 'eh', Type: 'Data Stream', DataSourceType: 'Event Hub', EventHubProperties: { ServiceBusNamespace: 'ns' }, Serialization: { Type: 'Json' } },
    });
    const p = await loadProject(dir);
    assert.deepEqual(p.warnings.map((w) => w.code), ['SLUICE_PROJECT_NO_MOCK']);
    assert.match(formatProjectIssue(p.warnings[0]!), /^Inputs\/eh.json:\d+:\d+: warning: DataSourceType is Event Hub, which sluice cannot read live/);
  });

  it('warns about files asaproj.json does not list and about missing mock data', async () => {
    const dir = await project({
      'asaproj.json': manifest([{ filePath: 'Inputs/Local_in.json', subType: 'InputMock' }]),
      'job.asaql': 'SELECT 1',
      'Inputs/Local_in.json': { InputAlias: 'in', Type: 'Data Stream', Format: 'Json', FilePath: 'nope.json' },
      'Inputs/stray.json': '{}',
    });
    const p = await loadProject(dir);
    assert.deepEqual(p.warnings.map(formatProjectIssue), [
      'Inputs/Local_in.json:5:15: warning: FilePath names Inputs/nope.json, which does not exist; local runs of input "in" will fail',
      'Inputs/stray.json: warning: is not listed in asaproj.json and is ignored, as ASA\'s tools ignore it',
    ]);
  });
});

describe('loadProject: errors', () => {
  it('reports every problem of every file in one error, with file:line:column and key paths', async () => {
    const e = await failure(path.join(fixtures, 'broken'));
    assert.deepEqual(lines(e), [
      'JobConfig.json:4:26: OutputErrorPolicy is "Retyr"; allowed: Stop, Drop (did you mean Retry?)',
      'JobConfig.json:5:27: CompatibilityLevel is "1.3"; allowed: 1.0, 1.1, 1.2',
      'Inputs/telemetry.json:5:5: KafkaProperties.Topic is required',
      'Inputs/telemetry.json:6:29: KafkaProperties.BootstrapServers has "broker-2" (entry 2), which is not host:port (e.g. broker-1.example.com:9092)',
      'Inputs/telemetry.json:7:9: KafkaProperties.Topc is not a known key (did you mean Topic?)',
      'Inputs/telemetry.json:8:29: KafkaProperties.SecurityProtocol is "SSLL"; allowed: None, SASL_PLAINTEXT, SASL_SSL, mTLS (did you mean SSL?)',
      'Inputs/telemetry.json:12:32: Serialization.Type is "Jsno"; allowed: Json, Csv, Avro, Parquet, Protobuf (did you mean Json?)',
      'Inputs/orders.json:5:5: KafkaProperties.KeystoreCertificateSecretName is required when SecurityProtocol is mTLS (the client certificate and key are PEM secrets in a key vault)',
      'Inputs/orders.json:5:5: KafkaProperties.KeystoreKeySecretName is required when SecurityProtocol is mTLS (the client certificate and key are PEM secrets in a key vault)',
      'Inputs/orders.json:5:5: KafkaProperties.KeyVaultName is required when SecurityProtocol is mTLS (the client certificate and key are PEM secrets in a key vault)',
      'Inputs/orders.json:8:9: KafkaProperties.topic repeats the key "Topic" as "topic" (keys are compared ignoring case)',
      'Inputs/orders.json:12:19: ScriptType is "Output" but asaproj.json lists this file as Input',
      'asaproj.json:8:23: configurations[3].filePath names "Inputs/missing.json", which does not exist',
      'asaproj.json:11:58: configurations[6].subType is CSharpFunction: C# functions need the .NET runtime, which sluice does not host; rewrite the function in JavaScript (a JSFunction)',
      'Outputs/alerts.json:9:21: KafkaProperties.Password is required when SecurityProtocol is SASL_SSL (null and "********" are placeholders: give the password or {"SecretName": "…"})',
      'Outputs/alerts.json:10:28: KafkaProperties.CompressionType is "brotli"; allowed: None, Gzip, Snappy, Lz4, Zstd',
      'Outputs/broken.json:4:5: is not valid JSON (expected , or } but found "\\"")',
    ]);
    assert.match(e.message, /has 17 problems:/);
  });

  it('never shows a password, even one written inline next to other mistakes', async () => {
    const e = await failure(path.join(fixtures, 'broken'));
    assert.ok(!e.message.includes('Sup3r-Secret-Passw0rd'));
    assert.ok(!e.format().includes('Sup3r-Secret-Passw0rd'));
    assert.ok(!JSON.stringify(e.issues).includes('Sup3r-Secret-Passw0rd'));
  });

  it('refuses Visual Studio (MSBuild) .asaproj projects with directions', async () => {
    const e = await failure(path.join(fixtures, 'visual-studio'));
    assert.match(e.message, /Visual Studio \(MSBuild\) project.*Migrate ASA projects to Visual Studio Code/);
  });

  it('accepts a JSON manifest named <name>.asaproj', async () => {
    const dir = await project({ 'job.asaproj': manifest([]), 'job.asaql': 'SELECT 1' });
    assert.equal((await loadProject(dir)).name, 'job');
  });

  it('says so when there is no project, no query, or a listed file is missing', async () => {
    assert.match((await failure(path.join(fixtures, 'does-not-exist'))).message, /does not exist/);
    assert.match((await failure(await project({ 'readme.txt': 'x' }))).message, /has no asaproj.json/);
    const e = await failure(await project({ 'asaproj.json': manifest([{ filePath: 'Outputs\\out.json', subType: 'Output' }]) }));
    assert.ok(lines(e).some((l) => /^asaproj\.json:\d+:\d+: startFile names "job\.asaql", which does not exist$/.test(l)), lines(e).join('\n'));
    assert.ok(lines(e).some((l) => /^asaproj\.json:\d+:\d+: configurations\[0\]\.filePath names "Outputs\\out\.json", which does not exist$/.test(l)), lines(e).join('\n'));
  });

  it('rejects unknown subtypes with a suggestion, and duplicate aliases, mocks and JobConfigs', async () => {
    const dir = await project({
      'asaproj.json': manifest([
        { filePath: 'a.json', subType: 'Inptu' },
        { filePath: 'JobConfig.json', subType: 'JobConfig' },
        { filePath: 'JobConfig2.json', subType: 'JobConfig' },
        { filePath: 'Outputs/o1.json', subType: 'Output' },
        { filePath: 'Outputs/o2.json', subType: 'Output' },
        { filePath: 'Inputs/Local_a.json', subType: 'InputMock' },
        { filePath: 'Inputs/Local_a2.json', subType: 'InputMock' },
      ]),
      'job.asaql': 'SELECT 1',
      'JobConfig.json': { StreamingUnits: 1 },
      'JobConfig2.json': { StreamingUnits: 1 },
      'Outputs/o1.json': { Name: 'out', DataSourceType: 'Console' },
      'Outputs/o2.json': { Name: 'OUT', DataSourceType: 'Console' },
      'Inputs/Local_a.json': { InputAlias: 'a', FilePath: 'a.json' },
      'Inputs/Local_a2.json': { InputAlias: 'A', FilePath: 'a.json' },
    });
    const e = await failure(dir);
    const text = lines(e).join('\n');
    assert.match(text, /configurations\[0\]\.subType is "Inptu"; allowed: JobConfig, Input, InputMock, Output, JSFunction \(did you mean Input\?\)/);
    assert.match(text, /JobConfig2.json: is a second JobConfig; the project already has JobConfig.json/);
    assert.match(text, /Outputs\/o2.json:\d+:\d+: Name defines output "OUT" again/);
    assert.match(text, /Inputs\/Local_a2.json:\d+:\d+: InputAlias is "A", which Inputs\/Local_a.json already mocks/);
  });

  it('checks that a mock matches its input\'s type and that JS functions have both files', async () => {
    const dir = await project({
      'asaproj.json': manifest([
        { filePath: 'Inputs/in.json', subType: 'Input' },
        { filePath: 'Inputs/Local_in.json', subType: 'InputMock' },
        { filePath: 'Functions/f.js', subType: 'JSFunction' },
      ]),
      'job.asaql': 'SELECT 1',
      'Inputs/in.json': { Name: 'in', Type: 'Data Stream', DataSourceType: 'Kafka', KafkaProperties: { BootstrapServers: 'b:1', Topic: 't' }, Serialization: { Type: 'Json' } },
      'Inputs/Local_in.json': { InputAlias: 'in', Type: 'Reference data', FilePath: 'x.json' },
      'Functions/f.js': 'function main(x) { return x; }',
    });
    const text = lines(await failure(dir)).join('\n');
    assert.match(text, /Inputs\/Local_in.json:\d+:\d+: Type is "Reference data" but input "in" \(Inputs\/in.json\) is "Data Stream"/);
    assert.match(text, /Functions\/f.js.json: does not exist; every JavaScript function needs its binding/);
  });
});
