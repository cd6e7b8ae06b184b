// The process that holds an input's Kafka consumer when the engine reads through ProcessRecordReader. It
// turns librdkafka's messages into records and packs them (the per-message cost of the native client) on
// its own core, as many batches ahead as the engine asks for, and hands each batch over as one message.
import { BatchSlots, intoSlot, type PackedTransfer } from './batch-slots.ts';
import { answer, closeAndEnd, replyError, send, serve } from './client-process-child.ts';
import type { FromReaderProcess, ToReaderProcess } from './client-process-protocol.ts';
import { packRecords } from './kafka-record-codec.ts';
import { RdkafkaRecordReader } from './rdkafka-record-reader.ts';

const tell = (m: FromReaderProcess): void => send(m);

let reader: RdkafkaRecordReader | undefined;
let slots: BatchSlots | undefined;
let closing = false;
/** A failed subscribe or assign (they have no reply): reported by the next read, as the in-process reader would throw it. */
let failed: unknown;
let nextAsk = 0;
const asked = new Map<number, (positions: ReadonlyArray<number | undefined>) => void>();

/** Read requests, answered one after the other in order; the engine asks ahead while it works on a batch. */
const queue: Array<{ id: number; max: number; timeoutMs: number; slot: number }> = [];
let pumping: Promise<void> | undefined;

function connected(): RdkafkaRecordReader {
  if (!reader) throw new Error('not connected');
  return reader;
}

async function pump(r: RdkafkaRecordReader): Promise<void> {
  for (let q = queue.shift(); q !== undefined && !closing; q = queue.shift()) {
    if (failed !== undefined) {
      replyError(q.id, failed);
      failed = undefined;
      continue;
    }
    // Sent without waiting for the engine to take it: the transfer overlaps the next read.
    // In the slot when it fits there; on the channel otherwise (slower, but nothing is lost).
    await answer(q.id, async (): Promise<PackedTransfer> => intoSlot(slots!, q.slot, packRecords(await r.read(q.max, q.timeoutMs))));
  }
  pumping = undefined;
}

async function close(): Promise<void> {
  closing = true;
  // Requests not started are answered empty; whatever the consumer had fetched ahead was neither handed over
  // nor committed, so the partitions' next owner (or the next run) reads it again.
  for (const q of queue.splice(0)) void answer(q.id, () => packRecords([]));
  await pumping;
  await reader?.close();
  reader = undefined;
  slots?.close();
  slots = undefined;
}

serve<ToReaderProcess>((m) => {
  switch (m.t) {
    case 'connect':
      void answer(m.id, async () => {
        slots = BatchSlots.open(m.slots);
        reader = await RdkafkaRecordReader.connect(m.connection, m.options);
      });
      return;
    case 'subscribe':
      connected().subscribe(m.topics, {
        revoked: (partitions) => tell({ t: 'revoked', partitions: [...partitions] }),
      }, {
        ...(m.startAtMs === undefined ? {} : { startAtMs: m.startAtMs }),
        // The engine decides where each assigned partition starts (SubscribeOptions.positionOf, asked there).
        positionsOf: (partitions) => new Promise((resolve) => {
          const id = nextAsk++;
          asked.set(id, resolve);
          tell({ t: 'assigning', id, partitions: [...partitions] });
        }),
      });
      return;
    case 'assign':
      connected().assign(m.partitions);
      return;
    case 'positions':
      asked.get(m.id)?.(m.positions);
      asked.delete(m.id);
      return;
    case 'read':
      queue.push({ id: m.id, max: m.max, timeoutMs: m.timeoutMs, slot: m.slot });
      pumping ??= pump(connected());
      return;
    case 'commit':
      void answer(m.id, () => connected().commit(m.offsets));
      return;
    case 'watermarks':
      void answer(m.id, () => connected().watermarks(m.timeoutMs));
      return;
    case 'highWatermarks':
      void answer(m.id, () => connected().highWatermarks(m.timeoutMs));
      return;
    case 'close':
      closeAndEnd(m.id, close);
      return;
  }
}, (err) => {
  failed = err;
}, close);
