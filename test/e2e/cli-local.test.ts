// The command line on whole ASA projects, as a user runs it: `sluice run --local` over local inputs in
// each format ASA's local run accepts (JSON, CSV, Avro, Parquet — the Avro and Parquet files written by
// fastavro and pyarrow), `sluice test` with ASA's testConfig.json / testResultSummary.json, and errors.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));
const PYTHON = process.env['SLUICE_TEST_PYTHON'] ?? join(process.env['HOME'] ?? '', '.cache/sluice/venv/bin/python');

function sluice(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const READINGS = [
  { deviceId: 'd1', temp: 18.5, at: '2024-05-01T10:00:00Z' },
  { deviceId: 'd2', temp: 22.25, at: '2024-05-01T10:00:01Z' },
  { deviceId: 'd1', temp: 25.0, at: '2024-05-01T10:00:02Z' },
];

async function makeProject(dir: string): Promise<void> {
  for (const d of ['Inputs', 'Outputs', 'Data', 'test']) await mkdir(join(dir, d), { recursive: true });
  await writeFile(join(dir, 'Data/readings.json'), READINGS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await writeFile(join(dir, 'Data/readings.csv'), 'deviceId,temp,at\n' + READINGS.map((r) => `${r.deviceId},${r.temp},${r.at}`).join('\n') + '\n');
  execFileSync(PYTHON, ['-c', `
import json, sys, fastavro, pyarrow as pa, pyarrow.parquet as pq
rows = json.loads(sys.argv[1])
schema = {"type": "record", "name": "Reading", "fields": [{"name": "deviceId", "type": "string"}, {"name": "temp", "type": "double"}, {"name": "at", "type": "string"}]}
with open(sys.argv[2] + "/Data/readings.avro", "wb") as f:
    fastavro.writer(f, schema, rows, codec="deflate")
pq.write_table(pa.Table.from_pylist(rows), sys.argv[2] + "/Data/readings.parquet", compression="snappy")
`, JSON.stringify(READINGS), dir]);
  const configurations = [{ filePath: 'JobConfig.json', subType: 'JobConfig' }];
  for (const [alias, format, file] of [['inJson', 'Json', 'readings.json'], ['inCsv', 'Csv', 'readings.csv'], ['inAvro', 'Avro', 'readings.avro'], ['inParquet', 'Parquet', 'readings.parquet']] as const) {
    await writeFile(join(dir, `Inputs/Local_${alias}.json`), JSON.stringify({ InputAlias: alias, Type: 'Data Stream', Format: format, FilePath: `../Data/${file}`, ScriptType: 'InputMock' }));
    configurations.push({ filePath: `Inputs/Local_${alias}.json`, subType: 'InputMock' });
    await writeFile(join(dir, `Outputs/${alias.replace('in', 'out')}.json`), JSON.stringify({ Name: alias.replace('in', 'out'), DataSourceType: 'Console' }));
    configurations.push({ filePath: `Outputs/${alias.replace('in', 'out')}.json`, subType: 'Output' });
  }
  await writeFile(join(dir, 'JobConfig.json'), JSON.stringify({ CompatibilityLevel: '1.2' }));
  // CSV values arrive as strings (learn.microsoft.com "Input validation"), hence the CAST for that input.
  await writeFile(join(dir, 'hot.asaql'), [
    'SELECT deviceId, temp, System.Timestamp() AS t INTO outJson FROM inJson TIMESTAMP BY at WHERE temp > 20',
    'SELECT deviceId, CAST(temp AS float) AS temp, System.Timestamp() AS t INTO outCsv FROM inCsv TIMESTAMP BY at WHERE CAST(temp AS float) > 20',
    'SELECT deviceId, temp, System.Timestamp() AS t INTO outAvro FROM inAvro TIMESTAMP BY at WHERE temp > 20',
    'SELECT deviceId, temp, System.Timestamp() AS t INTO outParquet FROM inParquet TIMESTAMP BY at WHERE temp > 20',
    '',
  ].join('\n'));
  await writeFile(join(dir, 'asaproj.json'), JSON.stringify({ name: 'hot-readings', startFile: 'hot.asaql', configurations }));
}

const HOT = [
  { deviceId: 'd2', temp: 22.25, t: '2024-05-01T10:00:01.0000000Z' },
  { deviceId: 'd1', temp: 25, t: '2024-05-01T10:00:02.0000000Z' },
];

describe('sluice run --local and sluice test on a whole project', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-e2e-'));
    await makeProject(dir);
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads JSON, CSV, Avro and Parquet local inputs and writes LocalRunOutputs/<alias>.json', async () => {
    const { code, stdout, stderr } = await sluice(['run', dir, '--local']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /input {2}'inParquet': 3 events/);
    for (const output of ['outJson', 'outCsv', 'outAvro', 'outParquet']) {
      const rows = (await readFile(join(dir, 'LocalRunOutputs', `${output}.json`), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as unknown);
      assert.deepEqual(rows, HOT, output);
    }
    // A column the planner knows is float prints a whole value as ASA prints floats (25.0, not 25).
    assert.match(await readFile(join(dir, 'LocalRunOutputs', 'outCsv.json'), 'utf8'), /"temp":25\.0,/);
  });

  it('sluice test: writes testResultSummary.json in the CI/CD tool\'s shape and exits 1 when a case fails', async () => {
    await writeFile(join(dir, 'test/expected-hot.json'), HOT.map((r) => JSON.stringify({ ...r, t: 'ignored' })).join('\n'));
    await writeFile(join(dir, 'test/expected-wrong.json'), JSON.stringify([{ deviceId: 'd9', temp: 1, t: 'x' }]));
    await writeFile(join(dir, 'test/testConfig.json'), JSON.stringify({
      Script: '../hot.asaql',
      TestCases: [
        { Name: 'hot readings', Inputs: [{ InputAlias: 'inJson', Type: 'Data Stream', Format: 'Json', FilePath: '../Data/readings.json', ScriptType: 'InputMock' }],
          ExpectedOutputs: [{ OutputAlias: 'outJson', FilePath: 'expected-hot.json', IgnoreFields: ['t'], Required: true }] },
        { Name: 'wrong expectation', Inputs: [{ InputAlias: 'inJson', Type: 'Data Stream', Format: 'Json', FilePath: '../Data/readings.json', ScriptType: 'InputMock' }],
          ExpectedOutputs: [{ OutputAlias: 'outJson', FilePath: 'expected-wrong.json', Required: true }, { OutputAlias: 'outCsv', FilePath: 'expected-wrong.json', Required: 'false' }] },
      ],
    }));
    const results = join(dir, 'results');
    const { code, stdout } = await sluice(['test', '--project', join(dir, 'asaproj.json'), '--outputPath', results]);
    assert.equal(code, 1);
    assert.match(stdout, /✔ hot readings/);
    assert.match(stdout, /✖ wrong expectation: output 'outJson': 0 rows matched, 1 missing, 2 unexpected/);
    const summary = JSON.parse(await readFile(join(results, 'testResultSummary.json'), 'utf8')) as {
      Total: number; Passed: number; Failed: number; Results: Array<{ Name: string; Status: number; OutputMatched: unknown[]; OutputNotEqual: Array<{ OutputAlias: string }>; OutputUnrequired: unknown[] }>;
    };
    assert.deepEqual([summary.Total, summary.Passed, summary.Failed], [2, 1, 1]);
    assert.deepEqual(summary.Results.map((r) => [r.Name, r.Status, r.OutputMatched.length, r.OutputNotEqual.length, r.OutputUnrequired.length]), [
      ['hot readings', 0, 1, 0, 0], ['wrong expectation', 1, 0, 1, 1],
    ]);
  });

  it('a query typo exits 1 with file:line:col, a code frame and the error code', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'sluice-e2e-typo-'));
    try {
      await makeProject(broken);
      await writeFile(join(broken, 'hot.asaql'), 'SELECT deviceId, temp\nINTO outJson\nFORM inJson');
      const { code, stderr } = await sluice(['run', broken, '--local']);
      assert.equal(code, 1);
      assert.match(stderr, /hot\.asaql:3:1: .*FORM.* \[SLUICE_SQL_SYNTAX\]/);
      assert.match(stderr, /> 3 \| FORM inJson\n\s+\| \^\^\^\^/);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it('a name that is not an input is reported with a suggestion', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'sluice-e2e-name-'));
    try {
      await makeProject(broken);
      await writeFile(join(broken, 'hot.asaql'), 'SELECT deviceId INTO outJson FROM inJsn');
      const { code, stderr } = await sluice(['run', broken, '--local']);
      assert.equal(code, 1);
      assert.match(stderr, /inJsn/);
      assert.match(stderr, /inJson/);
      assert.match(stderr, /SLUICE_PLAN/);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});
