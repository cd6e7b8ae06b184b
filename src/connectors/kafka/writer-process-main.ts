// The process that holds an output's Kafka producer when the engine writes through ProcessRecordWriter:
// librdkafka's produce call and its acknowledgements cost the JavaScript thread per message, here on another
// core. Each write arrives packed (kafka-record-codec) and is answered once the broker acknowledged it.
import { BatchSlots, outOfSlot } from './batch-slots.ts';
import { answer, closeAndEnd, send, serve } from './client-process-child.ts';
import type { FromWriterProcess, ToWriterProcess } from './client-process-protocol.ts';
import { unpackOutgoing } from './kafka-record-codec.ts';
import { RdkafkaRecordWriter } from './rdkafka-record-writer.ts';

let writer: RdkafkaRecordWriter | undefined;
let slots: BatchSlots | undefined;

function connected(): RdkafkaRecordWriter {
  if (!writer) throw new Error('not connected');
  return writer;
}

async function close(): Promise<void> {
  const w = writer;
  writer = undefined;
  await w?.close();
  slots?.close();
  slots = undefined;
}

serve<ToWriterProcess>((m) => {
  switch (m.t) {
    case 'connect':
      void answer(m.id, async () => {
        slots = BatchSlots.open(m.slots);
        writer = await RdkafkaRecordWriter.connect(m.connection, {
          ...m.options, onWarning: (message) => send({ t: 'warning', message } satisfies FromWriterProcess),
        });
      });
      return;
    case 'write': {
      // Out of its slot now: the engine reuses the slot once this write is answered.
      const packed = outOfSlot(slots!, m.packed);
      // Writes run concurrently, as on the in-process writer (which keeps their order).
      void answer(m.id, () => connected().write(m.topic, unpackOutgoing(packed)));
      return;
    }
    case 'close':
      closeAndEnd(m.id, close);
      return;
  }
}, () => {}, close);
