// The rows sluice itself emits for a benchmark query over the dataset's first `events` events: a local run
// (`sluice run --local`, the real CLI) of the bench's ASA project with the events as its InputMock file. A
// local run closes every window at the end of its input, as Flink's bounded job does, so the counts compare.
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BASE_TIME_MS, makeEvent, random } from '../dataset.ts';
import { writeProject, type BenchQuery } from '../queries.ts';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));

async function writeEvents(file: string, events: number, seed: number): Promise<void> {
  const out = createWriteStream(file);
  const next = random(seed);
  for (let i = 0; i < events; i++) {
    if (!out.write(`${JSON.stringify(makeEvent(i, next, BASE_TIME_MS + i, 0))}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

export async function sluiceRows(query: BenchQuery, events: number, seed = 7): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-flink-check-'));
  try {
    await writeProject(dir, query, { bootstrap: '127.0.0.1:9', inputTopic: 'unused', outputTopic: 'unused', groupId: 'unused', avro: false, start: 'LastOutputEventTime' });
    const data = join(dir, 'events.json');
    await writeEvents(data, events, seed);
    await writeFile(join(dir, 'Inputs', 'Local_telemetry.json'), JSON.stringify({ InputAlias: 'telemetry', Type: 'Data Stream', Format: 'Json', FilePath: data, ScriptType: 'InputMock' }));
    const proj = JSON.parse(await readFile(join(dir, 'asaproj.json'), 'utf8')) as { configurations: Array<{ filePath: string; subType: string }> };
    proj.configurations.push({ filePath: 'Inputs/Local_telemetry.json', subType: 'InputMock' });
    await writeFile(join(dir, 'asaproj.json'), JSON.stringify(proj, null, 2));
    await run(process.execPath, [CLI, 'run', '--local', dir, '--output-dir', join(dir, 'out')], { maxBuffer: 16 * 1024 * 1024 });
    const text = await readFile(join(dir, 'out', 'results.json'), 'utf8');
    return text.split('\n').filter((l) => l.trim() !== '').length;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
