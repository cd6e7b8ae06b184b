// The File output: the sink contract in every format, each format read back, path patterns, MinimumRows /
// MaximumTime batching on a fake clock, atomic visibility under a concurrent reader, and rejection of rows
// whose column token cannot be a folder (with OutputErrorPolicy=Drop dropping only those).
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SerializationSpec } from '../../formats/index.ts';
import type { FileOutputProperties, OutputSpec } from '../../job/index.ts';
import { AsaDateTime, type AsaRecord } from '../../types/index.ts';
import { OutputErrorPolicySink, attachRowOrigins, rowRejectionOf, type RowRejection } from '../../spi/index.ts';
import { runSinkContract } from '../contract/index.ts';
import { FileSink, type FileSinkOptions } from './file-sink.ts';
import { FakeClock, listOutputFiles, readOutputDir, readOutputFile } from './test-support.ts';

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'sluice-file-sink-'));
  dirs.push(d);
  return d;
}

/** A job's output settings go to the sink as they are (the app wires them; connectors may not import job/). */
export function fileSinkOptionsOf(spec: OutputSpec & { sink: { kind: 'file'; properties: FileOutputProperties } }, rootDir: string): FileSinkOptions {
  return { rootDir, ...spec.sink.properties, serialization: spec.serialization!, minimumRows: spec.minimumRows, maximumTimeSeconds: spec.maximumTimeSeconds };
}

const JSON_LINES: SerializationSpec = { type: 'Json', format: 'LineSeparated' };
const T0 = Date.UTC(2024, 0, 2, 3, 4, 5); // 2024-01-02T03:04:05Z

const contractCases: Array<[string, SerializationSpec, Partial<FileSinkOptions>]> = [
  ['json lines, a file per write', JSON_LINES, {}],
  ['json array, batched (MinimumRows 1000, MaximumTime 60 s)', { type: 'Json', format: 'Array' }, { minimumRows: 1000, maximumTimeSeconds: 60 }],
  ['avro', { type: 'Avro' }, { minimumRows: 10 }],
  ['parquet', { type: 'Parquet' }, { minimumRows: 2000, maximumTimeSeconds: 60 }],
];
for (const [label, serialization, extra] of contractCases) {
  runSinkContract(`file (${label})`, async () => {
    const root = await tempDir();
    const sink = new FileSink({ rootDir: root, path: 'out/{date}/{time}', serialization, ...extra });
    return { sink, readBack: () => readOutputDir(root, serialization) };
  });
}

runSinkContract('file under OutputErrorPolicySink (Drop)', async () => {
  const root = await tempDir();
  const sink = new OutputErrorPolicySink(new FileSink({ rootDir: root, path: 'w/{date}', serialization: JSON_LINES, minimumRows: 5 }), { policy: 'Drop' });
  return { sink, readBack: () => readOutputDir(root, JSON_LINES) };
});

describe('FileSink formats', () => {
  const when = AsaDateTime.fromParts(2024, 5, 6, 7, 8, 9, 123, 4567);
  const rows: AsaRecord[] = [
    { id: 1, name: 'a,"quoted"', temp: 21.5, ok: true, at: when, none: null },
    { id: 9007199254740993n, name: 'line\nbreak', temp: -0.25, ok: false, at: when, none: null },
  ];

  async function writeOne(serialization: SerializationSpec): Promise<AsaRecord[]> {
    const root = await tempDir();
    const sink = new FileSink({ rootDir: root, path: '', serialization });
    await sink.write(rows);
    await sink.close();
    assert.equal(sink.files.length, 1);
    return readOutputFile(sink.files[0]!, serialization);
  }

  it('JSON lines: one object per line, ASA formatting, ending in a newline', async () => {
    const root = await tempDir();
    const sink = new FileSink({ rootDir: root, path: '', serialization: JSON_LINES });
    await sink.write(rows);
    await sink.close();
    const text = await readFile(sink.files[0]!, 'utf8');
    assert.ok(text.endsWith('\n'));
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 2);
    assert.equal(lines[0]!['at'], '2024-05-06T07:08:09.1234567Z');
    assert.equal(lines[1]!['name'], 'line\nbreak');
    assert.match(text, /"id":9007199254740993/);
  });

  it('JSON: whole floats print as 3.0 in columns describe() typed float', async () => {
    const root = await tempDir();
    const sink = new FileSink({ rootDir: root, path: '', serialization: JSON_LINES });
    sink.describe([{ name: 'avg', type: 'float' }, { name: 'n', type: 'bigint' }]);
    await sink.write([{ avg: 3, n: 3 }]);
    await sink.close();
    assert.equal(await readFile(sink.files[0]!, 'utf8'), '{"avg":3.0,"n":3}\n');
  });

  it('CSV: a whole float prints as .NET prints a double (3); an Avro file types it double', async () => {
    const root = await tempDir();
    const columns = [{ name: 'avg', type: 'float' }, { name: 'n', type: 'bigint' }] as const;
    const csv = new FileSink({ rootDir: join(root, 'csv'), path: '', serialization: { type: 'Csv' } });
    csv.describe(columns);
    await csv.write([{ avg: 3, n: 3 }]);
    await csv.close();
    assert.equal(await readFile(csv.files[0]!, 'utf8'), 'avg,n\r\n3,3\r\n');
    // The sink passes the column types on to its serializer (fastavro/pyarrow read such files in src/formats).
    const avro = new FileSink({ rootDir: join(root, 'avro'), path: '', serialization: { type: 'Avro' } });
    avro.describe(columns);
    await avro.write([{ avg: 3, n: 3 }]);
    await avro.close();
    assert.match((await readFile(avro.files[0]!)).toString('latin1'), /"name":"avg","type":\["null","double"\]/);
  });

  it('JSON array: one parseable array', async () => {
    const root = await tempDir();
    const sink = new FileSink({ rootDir: root, path: '', serialization: { type: 'Json', format: 'Array' } });
    await sink.write(rows);
    await sink.close();
    const parsed = JSON.parse(await readFile(sink.files[0]!, 'utf8')) as Array<Record<string, unknown>>;
    assert.deepEqual(parsed.map((r) => r['temp']), [21.5, -0.25]);
  });

  it('CSV: header plus rows, quoting as RFC 4180, read back by the CSV deserializer', async () => {
    const back = await writeOne({ type: 'Csv', fieldDelimiter: ',' });
    assert.deepEqual(back[0], { id: '1', name: 'a,"quoted"', temp: '21.5', ok: 'true', at: '2024-05-06T07:08:09.1234567Z', none: '' });
    assert.equal(back[1]!['name'], 'line\nbreak');
    assert.equal(back[1]!['id'], '9007199254740993');
  });

  it('Avro: read back by the Avro deserializer', async () => {
    const back = await writeOne({ type: 'Avro' });
    assert.equal(back.length, 2);
    assert.equal(back[0]!['name'], 'a,"quoted"');
    assert.equal(back[0]!['temp'], 21.5);
    assert.equal(back[0]!['ok'], true);
    assert.equal(back[1]!['id'], 9007199254740993n);
    assert.equal(back[0]!['none'], null);
    // "Data Types": datetimes go out to Avro as ISO 8601 strings.
    assert.equal(back[0]!['at'], '2024-05-06T07:08:09.1234567Z');
  });

  it('Parquet: read back by the Parquet deserializer', async () => {
    const back = await writeOne({ type: 'Parquet' });
    assert.equal(back.length, 2);
    assert.equal(back[0]!['id'], 1);
    assert.equal(back[1]!['id'], 9007199254740993n);
    assert.equal(back[1]!['temp'], -0.25);
    assert.equal(back[1]!['ok'], false);
    assert.ok(back[0]!['at'] instanceof AsaDateTime);
    // TIMESTAMP(MICROS): the sub-microsecond tick is dropped.
    assert.equal((back[0]!['at']).epochMs, when.epochMs);
  });

  it('names files like ASA blobs: schemaHashcode_Guid_Number.extension', async () => {
    const root = await tempDir();
    const sink = new FileSink({ rootDir: root, path: 'x', serialization: { type: 'Csv' }, writerId: 'w1' });
    await sink.write([{ a: 1 }]);
    await sink.write([{ a: 2 }]);
    await sink.close();
    const names = (await listOutputFiles(root)).map((f) => f.split('/').pop()!);
    assert.equal(names.length, 2);
    assert.match(names[0]!, /^\d+_w1_1\.csv$/);
    assert.match(names[1]!, /^\d+_w1_2\.csv$/);
  });
});

describe('FileSink path pattern', () => {
  it('expands {date} and {time} from the batch start (UTC), in the chosen formats', async () => {
    const root = await tempDir();
    const clock = new FakeClock(T0);
    const sink = new FileSink({ rootDir: root, path: 'logs/{date}/{time}', dateFormat: 'dd-MM-yyyy', timeFormat: 'HH-mm', serialization: JSON_LINES, clock });
    await sink.write([{ a: 1 }]);
    await sink.close();
    assert.deepEqual((await listOutputFiles(root)).map((f) => f.split('/').slice(0, -1).join('/')), ['logs/02-01-2024/03-04']);
  });

  it('writes one file per value of the column token, in the same batch', async () => {
    const root = await tempDir();
    const clock = new FakeClock(T0);
    const sink = new FileSink({ rootDir: root, path: 'year={datetime:yyyy}/month={datetime:M}/{Client_Id}', serialization: JSON_LINES, clock, minimumRows: 5 });
    await sink.write([{ client_id: 'c1', n: 1 }, { client_id: 7, n: 2 }, { client_id: 'c1', n: 3 }, { client_id: 'a/b', n: 4 }, { client_id: null, n: 5 }]);
    const files = await listOutputFiles(root);
    const folders = files.map((f) => f.split('/').slice(0, -1).join('/')).sort();
    assert.deepEqual(folders, ['year=2024/month=1/7', 'year=2024/month=1/a/b', 'year=2024/month=1/c1', 'year=2024/month=1/null']);
    const c1 = files.find((f) => f.startsWith('year=2024/month=1/c1/'))!;
    assert.deepEqual((await readOutputFile(join(root, c1), JSON_LINES)).map((r) => r['n']), [1, 3]);
    await sink.close();
  });

  it('rejects a row whose column value cannot be a folder, naming row, column and reason', async () => {
    const root = await tempDir();
    const sink = new FileSink({ rootDir: root, path: '{part}', serialization: JSON_LINES });
    const bad: AsaRecord[] = [{ part: 'ok', n: 0 }, { part: '../../etc', n: 1 }];
    const err = await sink.write(bad).then(() => undefined, (e: unknown) => e);
    assert.deepEqual(rowRejectionOf(err), { rowIndex: 1, column: 'part', reason: '"../../etc" is not a safe path: no ".", ".." or leading "/" segments' });
    assert.equal(sink.pendingRows, 0, 'a rejected call accepts none of its rows');
    const err2 = await sink.write([{ part: AsaDateTime.fromEpochMs(0) }]).then(() => undefined, (e: unknown) => e);
    assert.match(rowRejectionOf(err2)?.reason ?? '', /datetime cannot partition a path/);
    await sink.close();
    assert.deepEqual(await listOutputFiles(root), []);
  });

  it('dates folders by each row\'s event time and puts {partition} from the row\'s input partition', async () => {
    const root = await tempDir();
    const clock = new FakeClock(T0); // the wall clock says 2024-01-02T03; the events are from other hours
    const sink = new FileSink({ rootDir: root, path: 'p={partition}/{date}/{time}', serialization: JSON_LINES, clock, minimumRows: 4 });
    const h = (day: number, hour: number, minute = 0) => Date.UTC(2023, 11, day, hour, minute);
    await sink.write(attachRowOrigins([{ n: 1 }, { n: 2 }], { eventMs: [h(31, 22, 10), h(31, 22, 59)], partitionIds: [0, 1] }));
    await sink.write(attachRowOrigins([{ n: 3 }, { n: 4 }, { n: 5 }], { eventMs: [h(31, 23, 0), h(31, 22, 30), h(30, 1)], partitionIds: [1, 1, -1] }));
    const files = await listOutputFiles(root);
    const byFolder = new Map<string, number[]>();
    for (const f of files) byFolder.set(f.split('/').slice(0, -1).join('/'), (await readOutputFile(join(root, f), JSON_LINES)).map((r) => r['n'] as number));
    assert.deepEqual(Object.fromEntries([...byFolder].sort()), {
      'p=0/2023/12/30/01': [5], // no single input partition (a window's result): partition 0
      'p=0/2023/12/31/22': [1],
      'p=1/2023/12/31/22': [2, 4], // a late row joins its hour's folder, in a new file
      'p=1/2023/12/31/23': [3],
    });
    await sink.close();
  });

  it('keeps each row\'s event time and partition when OutputErrorPolicy=Drop drops a row before it', async () => {
    const root = await tempDir();
    const sink = new OutputErrorPolicySink(new FileSink({ rootDir: root, path: '{partition}/{datetime:HH}/{part}', serialization: JSON_LINES }), { policy: 'Drop' });
    await sink.write(attachRowOrigins([{ part: 'a', n: 0 }, { part: [1], n: 1 }, { part: 'a', n: 2 }], { eventMs: [Date.UTC(2024, 0, 1, 5), Date.UTC(2024, 0, 1, 6), Date.UTC(2024, 0, 1, 7)], partitionIds: [3, 4, 5] }));
    await sink.close();
    assert.deepEqual((await listOutputFiles(root)).map((f) => f.split('/').slice(0, -1).join('/')).sort(), ['3/05/a', '5/07/a']);
  });

  it('under OutputErrorPolicy=Drop drops only the rows that cannot be written, reporting each', async () => {
    const root = await tempDir();
    const dropped: RowRejection[] = [];
    const sink = new OutputErrorPolicySink(new FileSink({ rootDir: root, path: '{part}', serialization: JSON_LINES }), {
      policy: 'Drop',
      onDropped: (_row, r) => dropped.push(r),
    });
    await sink.write([{ part: 'a', n: 0 }, { part: [1], n: 1 }, { part: 'b', n: 2 }, { part: '..', n: 3 }, { part: 'a', n: 4 }]);
    await sink.close();
    assert.deepEqual(dropped.map((d) => [d.rowIndex, d.column]), [[1, 'part'], [3, 'part']]);
    assert.equal(sink.droppedRows, 2);
    assert.deepEqual((await readOutputDir(root, JSON_LINES)).map((r) => r['n']).sort(), [0, 2, 4]);
  });
});

describe('FileSink batching (MinimumRows / MaximumTime)', () => {
  it('writes a batch when it reaches MinimumRows, or MaximumTime after its first row', async () => {
    const root = await tempDir();
    const clock = new FakeClock(T0);
    const sink = new FileSink({ rootDir: root, path: '', serialization: JSON_LINES, minimumRows: 3, maximumTimeSeconds: 10, clock });
    await sink.write([{ n: 1 }, { n: 2 }]);
    assert.equal((await listOutputFiles(root)).length, 0);
    clock.advance(5000);
    await sink.write([{ n: 3 }]);
    assert.deepEqual((await readOutputDir(root, JSON_LINES)).map((r) => r['n']), [1, 2, 3], 'MinimumRows reached');
    assert.equal(clock.pendingTimers, 0);

    await sink.write([{ n: 4 }]);
    clock.advance(9999);
    await sink.settled();
    assert.equal((await listOutputFiles(root)).length, 1, 'not yet: MaximumTime counts from the first row of the batch');
    clock.advance(1);
    await sink.settled();
    assert.deepEqual((await readOutputDir(root, JSON_LINES)).map((r) => r['n']), [1, 2, 3, 4], 'MaximumTime passed');

    await sink.write([{ n: 5 }, { n: 6 }, { n: 7 }, { n: 8 }]);
    assert.equal((await listOutputFiles(root)).length, 3, 'a write past MinimumRows writes all of it as one batch');
    await sink.write([{ n: 9 }]);
    await sink.flush();
    assert.equal((await listOutputFiles(root)).length, 4, 'flush writes what is pending');
    await sink.write([{ n: 10 }]);
    await sink.close();
    assert.deepEqual((await readOutputDir(root, JSON_LINES)).map((r) => r['n']), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(clock.pendingTimers, 0);
  });

  it('without MinimumRows and MaximumTime writes every write() as its own file', async () => {
    const root = await tempDir();
    const sink = new FileSink({ rootDir: root, path: '', serialization: JSON_LINES });
    await sink.write([{ n: 1 }]);
    await sink.write([{ n: 2 }, { n: 3 }]);
    assert.equal((await listOutputFiles(root)).length, 2);
    await sink.close();
  });

  it('folders follow the batch start time, so a batch never straddles two {time} folders', async () => {
    const root = await tempDir();
    const clock = new FakeClock(Date.UTC(2024, 0, 1, 10, 59, 58));
    const sink = new FileSink({ rootDir: root, path: '{date}/{time}', serialization: JSON_LINES, minimumRows: 100, maximumTimeSeconds: 5, clock });
    await sink.write([{ n: 1 }]);
    clock.advance(3000);
    await sink.write([{ n: 2 }]);
    clock.advance(2000);
    await sink.settled();
    await sink.write([{ n: 3 }]);
    await sink.close();
    assert.deepEqual(await listOutputFiles(root).then((fs) => fs.map((f) => f.split('/').slice(0, -1).join('/'))), ['2024/01/01/10', '2024/01/01/11']);
  });
});

describe('FileSink atomicity and failures', () => {
  it('never shows a partial file: a concurrent reader parses every visible file while 200 batches are written', async () => {
    const root = await tempDir();
    const sink = new FileSink({ rootDir: root, path: 'a/{date}', serialization: { type: 'Json', format: 'Array' } });
    let done = false;
    let checks = 0;
    const reader = (async () => {
      while (!done) {
        for (const f of await listOutputFiles(root)) {
          const text = await readFile(join(root, f), 'utf8');
          const parsed = JSON.parse(text) as unknown[];
          assert.equal(parsed.length, 50, `${f} is whole`);
          checks++;
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    const big = 'x'.repeat(2000);
    const t0 = performance.now();
    for (let b = 0; b < 200; b++) {
      await sink.write(Array.from({ length: 50 }, (_, i) => ({ b, i, big })));
    }
    const ms = performance.now() - t0;
    done = true;
    await reader;
    await sink.close();
    assert.ok(checks > 200, `the reader looked at files ${checks} times`);
    console.log(`# file: 200 atomic batches of 50 rows (~100 KB) in ${ms.toFixed(0)} ms (${(200 / ms * 1000).toFixed(0)} files/s, fsync each) beside a reader that parsed ${checks} files`);
    const all = await readdir(join(root, 'a'), { recursive: true });
    assert.equal(all.filter((n) => n.endsWith('.tmp')).length, 0, 'no temporary files remain');
    assert.equal((await listOutputFiles(root)).length, 200);
  });

  it('a failed batch leaves nothing visible, and retrying the same write writes each row once', async () => {
    const root = await tempDir();
    // A plain file where the folder should be makes mkdir fail (ENOTDIR/EEXIST) until it is removed.
    await writeFile(join(root, 'blocked'), 'not a folder');
    const sink = new FileSink({ rootDir: root, path: 'blocked/{date}', serialization: JSON_LINES, minimumRows: 3 });
    await sink.write([{ n: 1 }]);
    const err = await sink.write([{ n: 2 }, { n: 3 }]).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof Error && 'retryable' in err && err.retryable === true, 'an I/O failure is retryable');
    assert.equal(sink.pendingRows, 1, 'the rows of the failed call were handed back; earlier rows stay pending');
    await rm(join(root, 'blocked'));
    await sink.write([{ n: 2 }, { n: 3 }]);
    await sink.close();
    assert.deepEqual((await readOutputDir(root, JSON_LINES)).map((r) => r['n']), [1, 2, 3]);
  });

  it('close() whose last batch fails keeps the rows and may be called again', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'late'), 'not a folder');
    const sink = new FileSink({ rootDir: root, path: 'late', serialization: JSON_LINES, minimumRows: 10 });
    await sink.write([{ n: 1 }]);
    await assert.rejects(sink.close());
    await assert.rejects(async () => sink.write([{ n: 2 }]), /closed/);
    assert.equal(sink.pendingRows, 1);
    await rm(join(root, 'late'));
    await sink.close();
    await sink.close();
    assert.deepEqual((await readOutputDir(root, JSON_LINES)).map((r) => r['n']), [1]);
  });

  it('under the Retry (Stop) policy holds the write until the folder can be written, losing nothing', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'down'), 'not a folder');
    const retries: number[] = [];
    const sink = new OutputErrorPolicySink(new FileSink({ rootDir: root, path: 'down', serialization: JSON_LINES }), {
      policy: 'Stop', initialDelayMs: 20, maxDelayMs: 100, onRetry: (_e, attempt) => retries.push(attempt),
    });
    let resolved = false;
    const writing = sink.write([{ n: 1 }, { n: 2 }]).then(() => { resolved = true; });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(resolved, false, 'the write is held back while the output is down');
    await rm(join(root, 'down'));
    await writing;
    await sink.close();
    assert.ok(retries.length >= 2);
    assert.deepEqual((await readOutputDir(root, JSON_LINES)).map((r) => r['n']), [1, 2]);
  });
});
