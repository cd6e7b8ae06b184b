// Reads a local input file (an InputMock's JSON, CSV, Avro or Parquet file) into events with arrival times,
// as ASA's local run does: an event's arrival time (EventEnqueuedUtcTime) is its own EventEnqueuedUtcTime
// field when it has one, otherwise the time the run started.
import { readFile } from 'node:fs/promises';
import { SluiceError, isSluiceError } from '../common/index.ts';
import { createDeserializer } from '../formats/index.ts';
import type { InputMockSpec } from '../job/index.ts';
import { AsaDateTime, parseDateTime, type AsaRecord, type AsaValue } from '../types/index.ts';

export interface LocalInputEvents {
  alias: string;
  rows: AsaRecord[];
  arrivalMs: Float64Array;
}

function ownArrivalTime(row: AsaRecord): AsaValue | undefined {
  if ('EventEnqueuedUtcTime' in row) return row['EventEnqueuedUtcTime'];
  for (const key of Object.keys(row)) if (key.toLowerCase() === 'eventenqueuedutctime') return row[key];
  return undefined;
}

export async function readLocalInput(mock: InputMockSpec, runStartMs: number): Promise<LocalInputEvents> {
  const file = mock.filePathResolved ?? mock.filePath;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new SluiceError('SLUICE_LOCAL_INPUT_FILE', `input '${mock.alias}': cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      domain: 'user', cause: err,
    });
  }
  const rows: AsaRecord[] = [];
  try {
    await createDeserializer({ type: mock.format }).decodeAsync(bytes, rows);
  } catch (err) {
    if (isSluiceError(err)) throw new SluiceError(err.code, `input '${mock.alias}' (${file}): ${err.message}`, { domain: err.domain, hint: err.hint, cause: err });
    throw err;
  }
  const arrivalMs = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const own = ownArrivalTime(rows[i]!);
    if (own === undefined || own === null) {
      arrivalMs[i] = runStartMs;
      continue;
    }
    const parsed = own instanceof AsaDateTime ? own : typeof own === 'string' ? parseDateTime(own) : undefined;
    if (!parsed) {
      throw new SluiceError('SLUICE_LOCAL_INPUT_TIME', `input '${mock.alias}' (${file}), event ${i + 1}: EventEnqueuedUtcTime is not a datetime`, { domain: 'user' });
    }
    arrivalMs[i] = parsed.epochMs;
  }
  return { alias: mock.alias, rows, arrivalMs };
}
