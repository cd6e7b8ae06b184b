// The child's side of ClientProcess: messages from the engine, replies to it, and the rules every client
// process keeps. It ignores SIGINT and SIGTERM — Ctrl-C reaches the whole process group, and the engine,
// stopping gracefully, still needs its consumer to commit and its producer to flush — and it ends when the
// engine says close, or when the engine's process goes away (the IPC channel closes).
import { serializeError, type Reply } from './client-process-protocol.ts';

if (!process.send) throw new Error('a Kafka client process runs as a child of the engine (ClientProcess)');

/** Sends to the engine; a no-op once the engine is gone (the disconnect handler ends this process). */
export function send(message: object): void {
  if (process.connected) process.send!(message);
}

/** Replies to request `id` with what `work` gives, or the error it throws. */
export async function answer(id: number, work: () => unknown): Promise<void> {
  try {
    send({ t: 'reply', id, value: await work() } satisfies Reply);
  } catch (err) {
    send({ t: 'reply', id, error: serializeError(err) } satisfies Reply);
  }
}

export function replyError(id: number, err: unknown): void {
  send({ t: 'reply', id, error: serializeError(err) } satisfies Reply);
}

/**
 * Serves the engine's messages. `onMessage` may throw: a request's error is its reply; a message without a
 * reply hands the error to `onUnanswered`. `close` runs when the engine has gone, then the process exits.
 */
export function serve<M extends { t: string }>(onMessage: (m: M) => void, onUnanswered: (err: unknown) => void, close: () => Promise<void>): void {
  process.on('message', (m: M) => {
    try {
      onMessage(m);
    } catch (err) {
      if ('id' in m && typeof m.id === 'number') replyError(m.id, err);
      else onUnanswered(err);
    }
  });
  process.on('disconnect', () => {
    void close().finally(() => process.exit(0));
  });
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
}

/** Replies to the close request, then lets the channel go (which ends the process through serve's handler). */
export function closeAndEnd(id: number, close: () => Promise<void>): void {
  void answer(id, close).then(() => process.disconnect());
}
