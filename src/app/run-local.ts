// `sluice run --local`: runs a project on each input's local file (its InputMock) to the end of the input,
// flushes everything still open, and writes each output to LocalRunOutputs/<alias>.json beside the project
// file. The live definitions of inputs and outputs are not contacted.
import { join } from 'node:path';
import { SluiceError } from '../common/index.ts';
import type { InputMockSpec } from '../job/index.ts';
import type { Project } from '../project/index.ts';
import type { OutputSink } from '../spi/index.ts';
import { inputBatch } from '../spi/index.ts';
import { replayInArrivalOrder } from './arrival-order.ts';
import { compileJob, planProject } from './compile-job.ts';
import { readLocalInput, type LocalInputEvents } from './local-input-events.ts';
import { fileReferenceSource, isReferenceInput } from './reference-data.ts';
import { JsonLinesFileSink } from './json-lines-file-sink.ts';

export interface LocalRunOptions {
  /** Folder for the output files; default LocalRunOutputs beside the project file. */
  outputDir?: string;
  /** Local files to use instead of the project's InputMocks (sluice test), by input alias. */
  inputs?: readonly InputMockSpec[];
  /** With `inputs`: an input they do not name receives no events (a test case defines all its data). */
  onlyGivenInputs?: boolean;
  /** Sinks to use instead of files (sluice test keeps rows in memory). */
  sinkFor?: (output: string) => OutputSink;
  now?: () => number;
}

export interface LocalRunResult {
  outputs: Array<{ alias: string; rows: number; file?: string }>;
  inputs: Array<{ alias: string; events: number }>;
}

export async function runLocal(project: Project, options: LocalRunOptions = {}): Promise<LocalRunResult> {
  const now = options.now ?? Date.now;
  const runStart = now();
  const outputDir = options.outputDir ?? join(project.rootDir, 'LocalRunOutputs');
  const fileSinks = new Map<string, JsonLinesFileSink>();
  // The time policies compare event time with arrival time, so they apply only to inputs whose events
  // carry their own arrival time (EventEnqueuedUtcTime); other local inputs all "arrive" when the run
  // starts, have no watermark before their end, and every window closes at the end of the input.
  const withArrival = new Set<string>();
  const plan = planProject(project);
  const mocks = new Map<string, InputMockSpec>();
  if (!options.onlyGivenInputs) for (const input of project.job.inputs) if (input.mock) mocks.set(input.alias.toLowerCase(), input.mock);
  for (const mock of options.inputs ?? []) mocks.set(mock.alias.toLowerCase(), mock);
  const events = [];
  const references: LocalInputEvents[] = [];
  for (const alias of plan.inputs) {
    const mock = mocks.get(alias.toLowerCase());
    if (!mock && options.onlyGivenInputs) continue;
    const fileReference = !mock && isReferenceInput(project, alias) ? project.job.inputs.find((i) => i.alias.toLowerCase() === alias.toLowerCase()) : undefined;
    const source = fileReference === undefined ? undefined : fileReferenceSource(fileReference, project);
    if (source !== undefined) {
      // A File reference input is a local file already: no InputMock needed.
      references.push({ alias, rows: await source.read(), arrivalMs: new Float64Array(0) });
      continue;
    }
    if (!mock) {
      throw new SluiceError('SLUICE_LOCAL_NO_INPUT_FILE', `input '${alias}' has no local input file for a local run`, {
        domain: 'user', hint: `add Inputs/Local_${alias}.json (an InputMock) to the project, pointing at a JSON, CSV, Avro or Parquet file`,
      });
    }
    const read = await readLocalInput(mock, runStart);
    if (isReferenceInput(project, alias)) {
      // Reference data is a table joined as a whole (Reference data JOIN page), not a stream of events.
      references.push(read);
      continue;
    }
    if (read.rows.length > 0 && read.rows.every(hasOwnArrivalTime)) withArrival.add(alias.toLowerCase());
    events.push(read);
  }
  const { graph } = compileJob(project, {
    now,
    plan,
    timePolicyFor: (input) => withArrival.has(input.toLowerCase()),
    sinkFor: (output) => {
      let sink = options.sinkFor?.(output);
      if (!sink) {
        const file = new JsonLinesFileSink(join(outputDir, `${output}.json`));
        fileSinks.set(output, file);
        sink = file;
      }
      return sink;
    },
  });

  for (const ref of references) graph.loadReference(ref.alias, ref.rows);
  for (const batch of replayInArrivalOrder(events)) {
    graph.push(batch.alias, inputBatch(batch.rows, batch.arrivalMs));
    // Let the output writes keep up, so a large input is not held in memory as pending writes.
    await graph.settled();
  }
  await graph.close();
  return {
    inputs: [...events, ...references].map((e) => ({ alias: e.alias, events: e.rows.length })),
    outputs: plan.outputs.map((alias) => {
      const file = fileSinks.get(alias);
      return file ? { alias, rows: file.rowCount, file: file.file } : { alias, rows: -1 };
    }),
  };
}

function hasOwnArrivalTime(row: Readonly<Record<string, unknown>>): boolean {
  for (const key in row) if (key.toLowerCase() === 'eventenqueuedutctime' && row[key] !== null && row[key] !== undefined) return true;
  return false;
}
