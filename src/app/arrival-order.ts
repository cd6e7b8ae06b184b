// Replays several local inputs the way they would have arrived: merged by arrival time (stable within
// an input; on equal times the input declared first goes first), cut into batches of consecutive events
// of one input. Stateless queries would not care; event-time operators and their watermarks do.
import type { LocalInputEvents } from './local-input-events.ts';

export interface ReplayBatch {
  alias: string;
  rows: LocalInputEvents['rows'];
  arrivalMs: Float64Array;
}

export function* replayInArrivalOrder(inputs: readonly LocalInputEvents[], maxBatch = 4096): Generator<ReplayBatch> {
  const orders = inputs.map((input) => {
    const idx = Array.from({ length: input.rows.length }, (_, i) => i);
    idx.sort((a, b) => input.arrivalMs[a]! - input.arrivalMs[b]! || a - b);
    return idx;
  });
  const cursor = inputs.map(() => 0);
  const nextTime = (k: number): number =>
    cursor[k]! < orders[k]!.length ? inputs[k]!.arrivalMs[orders[k]![cursor[k]!]!]! : Infinity;
  let batch: ReplayBatch | undefined;
  let times: number[] = [];
  for (;;) {
    let pick = -1;
    for (let k = 0; k < inputs.length; k++) if (nextTime(k) < (pick === -1 ? Infinity : nextTime(pick))) pick = k;
    if (pick === -1) break;
    if (batch && (batch.alias !== inputs[pick]!.alias || batch.rows.length >= maxBatch)) {
      batch.arrivalMs = Float64Array.from(times);
      yield batch;
      batch = undefined;
    }
    if (!batch) {
      batch = { alias: inputs[pick]!.alias, rows: [], arrivalMs: new Float64Array(0) };
      times = [];
    }
    const i = orders[pick]![cursor[pick]!++]!;
    batch.rows.push(inputs[pick]!.rows[i]!);
    times.push(inputs[pick]!.arrivalMs[i]!);
  }
  if (batch) {
    batch.arrivalMs = Float64Array.from(times);
    yield batch;
  }
}
