// The engine's side of a child process that holds a Kafka client (ProcessRecordReader, ProcessRecordWriter).
// librdkafka's Node client spends the JavaScript thread on every message (turning it into an object, or a
// produce call); its add-on cannot be loaded in a worker thread, so a child process is how that work moves
// to another core. This owns the process: requests and their replies, a process that dies (every request
// waiting and every later one fails with why), and a close that waits for it to end.
import { fork, type ChildProcess } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SluiceError } from '../../common/index.ts';
import { BatchSlots } from './batch-slots.ts';
import { deserializeError, type Reply } from './client-process-protocol.ts';

const CLOSE_TIMEOUT_MS = 30_000;
/** How long an IPC error waits for the process's exit, whose reason is the one worth reporting. */
const ERROR_GRACE_MS = 1000;

/**
 * The engine's Node flags that apply to the client processes too: profiling (`node --cpu-prof sluice run …`
 * profiles them all) and source maps. Not the rest (-e, --inspect's port, --test …). Node ≥ 22.18 runs the
 * .ts sources without flags.
 */
export function inheritedFlags(execArgv: readonly string[]): string[] {
  return execArgv.filter((a) => /^--(cpu-prof|heap-prof|enable-source-maps)(-[a-z]+)?(=.*)?$/.test(a));
}

/** A module beside this one, with this one's extension: .ts when run from the sources, .js from dist/. */
export function siblingModule(name: string): string {
  return fileURLToPath(new URL(`./${name}${extname(fileURLToPath(import.meta.url))}`, import.meta.url));
}

type Waiting = { resolve: (value: unknown) => void; reject: (err: unknown) => void };

export class ClientProcess<To extends { t: string }, From extends { t: string }> {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 0;
  /** Set once the process is gone: every request from then on fails with it. */
  #gone: SluiceError | undefined;
  readonly #exited: Promise<void>;

  /** Where batches cross between the processes (batch-slots.ts), made with the process and closed with it. */
  readonly slots: BatchSlots;

  /**
   * `what` names it in errors ("the Kafka reader process for host:port"); `onMessage` gets all but replies;
   * `slotCount`: how many batch slots to make.
   */
  constructor(main: string, what: string, onMessage: (m: Exclude<From, Reply>) => void, slotCount: number) {
    this.slots = BatchSlots.create(slotCount);
    // stdout stays the engine's alone; stderr is shared.
    this.#child = fork(main, [], { serialization: 'advanced', execArgv: inheritedFlags(process.execArgv), stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.#child.on('message', (m: From | Reply) => {
      if (m.t !== 'reply') return onMessage(m as Exclude<From, Reply>);
      const reply = m as Reply;
      const w = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (!w) return;
      if (reply.error) w.reject(deserializeError(reply.error));
      else w.resolve(reply.value);
    });
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        this.#fail(new SluiceError('SLUICE_KAFKA_CLIENT', `${what} ended (${signal ?? `exit code ${code}`})`, { domain: 'external', retryable: false }));
        resolve();
      });
    });
    // Also raised for a message sent to a process that is dying (EPIPE), usually just before its 'exit': the
    // exit says why it ended, so it gets a moment to arrive first.
    this.#child.on('error', (err) => {
      const timer = setTimeout(() => this.#fail(new SluiceError('SLUICE_KAFKA_CLIENT', `${what} failed: ${err.message}`, { domain: 'external', retryable: false })), ERROR_GRACE_MS);
      timer.unref();
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get gone(): boolean {
    return this.#gone !== undefined;
  }

  #fail(err: SluiceError): void {
    this.#gone ??= err;
    for (const w of this.#waiting.values()) w.reject(this.#gone);
    this.#waiting.clear();
  }

  /** A message without a reply; throws once the process is gone. */
  send(message: To): void {
    if (this.#gone) throw this.#gone;
    this.#child.send(message);
  }

  request<T>(message: (id: number) => To): Promise<T> {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#child.send(message(id));
    });
  }

  /** Asks the process to close its client (`close`), then waits for it to end (killed after 30 s). */
  async close(close: (id: number) => To): Promise<void> {
    if (!this.#gone) {
      await this.request(close).catch(() => {});
      const timer = setTimeout(() => this.#child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
      await this.#exited;
      clearTimeout(timer);
    }
    this.slots.close();
  }

  /**
   * Connects the client: `connect` is the first request, and names the slots' files (`slots.paths`), which the
   * process opens before it answers. When it fails, the process is ended and the slots closed; when it
   * succeeds, the files' names go (both sides keep their descriptors, so nothing is left behind however
   * either process ends).
   */
  async start(connect: (id: number) => To): Promise<void> {
    const slots = this.slots;
    try {
      // The connection (with its secrets) crosses on the IPC channel, never on the command line or environment.
      await this.request(connect);
    } catch (err) {
      // No client to close; SIGTERM is ignored there (see client-process-child.ts).
      this.#child.kill('SIGKILL');
      await this.#exited;
      slots.close();
      throw err;
    }
    slots.unlink();
  }
}
