// Rotation, which ASA lacks (there a rotated certificate needs a job restart): re-reads a set of
// secrets on an interval and again shortly before a watched certificate expires, and emits `change`
// with the new material when a secret's version or content changed. The Kafka connector reconnects on
// it. A failed read or a new certificate that fails its checks emits `error` and keeps the old
// material, so a half-finished rotation never takes a running job down. Without an `error` listener
// such failures are dropped (the old material stays in use), so a caller should always listen.
import { SluiceError } from '../common/index.ts';
import { loadCertificate } from './load-certificate.ts';
import { redactSecrets } from './secret-redactor.ts';
import { formatSecretRef, type SecretRef, type SecretStore, type SecretValue } from './secret-store.ts';
import type { SecretWarning } from './secret-warning.ts';

export interface WatchedSecret extends SecretRef {
  /** Certificates are PEM-checked before a change is announced, and trigger a re-read before expiry. */
  readonly kind?: 'certificate' | 'opaque';
}

export interface SecretChange {
  readonly ref: SecretRef;
  readonly previous: SecretValue;
  readonly current: SecretValue;
}

export interface SecretWatcherEvents {
  change: (change: SecretChange) => void;
  error: (error: SluiceError, ref: SecretRef) => void;
  warning: (warning: SecretWarning) => void;
}

export interface SecretWatcherOptions {
  /** Re-read interval; default 5 minutes. */
  intervalMs?: number;
  /** Also re-read this long before a watched certificate's notAfter; default 1 hour. */
  expiryLeadMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

export const DEFAULT_WATCH_INTERVAL_MS = 5 * 60_000;
export const DEFAULT_EXPIRY_LEAD_MS = 60 * 60_000;
// Timers longer than this overflow Node's 32-bit delay.
const MAX_DELAY_MS = 2 ** 31 - 1;

type Listeners = { [K in keyof SecretWatcherEvents]: Set<SecretWatcherEvents[K]> };

export class SecretWatcher {
  readonly #store: SecretStore;
  readonly #watched: readonly WatchedSecret[];
  readonly #intervalMs: number;
  readonly #expiryLeadMs: number;
  readonly #now: () => Date;
  readonly #current = new Map<string, SecretValue>();
  readonly #expiry = new Map<string, Date>();
  readonly #warned = new Set<string>();
  readonly #listeners: Listeners = { change: new Set(), error: new Set(), warning: new Set() };
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;

  constructor(store: SecretStore, secrets: readonly WatchedSecret[], options: SecretWatcherOptions = {}) {
    this.#store = store;
    this.#watched = secrets;
    this.#intervalMs = options.intervalMs ?? DEFAULT_WATCH_INTERVAL_MS;
    this.#expiryLeadMs = options.expiryLeadMs ?? DEFAULT_EXPIRY_LEAD_MS;
    this.#now = options.now ?? (() => new Date());
    if (!(this.#intervalMs > 0)) {
      throw new SluiceError('SLUICE_SECRET_CONFIG_INVALID', `secret watch interval must be positive, got ${this.#intervalMs}`, { domain: 'user' });
    }
  }

  on<K extends keyof SecretWatcherEvents>(event: K, listener: SecretWatcherEvents[K]): () => void {
    (this.#listeners[event] as Set<SecretWatcherEvents[K]>).add(listener);
    return () => (this.#listeners[event] as Set<SecretWatcherEvents[K]>).delete(listener);
  }

  /**
   * Reads every secret once (failing loudly: a job must not start without its secrets), then keeps
   * re-reading in the background. Returns the initial material.
   */
  async start(): Promise<ReadonlyMap<string, SecretValue>> {
    if (!this.#stopped) {
      throw new SluiceError('SLUICE_INTERNAL', 'SecretWatcher.start() called twice', { domain: 'internal' });
    }
    for (const ref of this.#watched) {
      const value = await this.#store.get(ref.vault, ref.name);
      if (ref.kind === 'certificate') this.#noteCertificate(ref, value);
      this.#current.set(keyOf(ref), value);
    }
    this.#stopped = false;
    this.#schedule();
    return new Map(this.#current);
  }

  /** The material last read successfully. */
  current(vault: string, name: string): SecretValue | undefined {
    return this.#current.get(keyOf({ vault, name }));
  }

  /** Re-reads everything now (also what the timer calls); overlapping calls share one pass. */
  checkNow(): Promise<void> {
    this.#running ??= this.#poll().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  async #poll(): Promise<void> {
    for (const ref of this.#watched) {
      const key = keyOf(ref);
      const previous = this.#current.get(key);
      let value: SecretValue;
      try {
        value = await this.#store.get(ref.vault, ref.name);
        // Unchanged certificates are checked again too: one that has since entered the warning
        // window warns (once per version), one that has expired unrenewed reports an error.
        if (ref.kind === 'certificate') this.#noteCertificate(ref, value);
        if (previous && previous.version === value.version && previous.value === value.value) continue;
      } catch (err) {
        this.#emit('error', toSluiceError(err, ref), { vault: ref.vault, name: ref.name });
        continue;
      }
      this.#current.set(key, value);
      if (previous) this.#emit('change', { ref: { vault: ref.vault, name: ref.name }, previous, current: value });
    }
  }

  // Checks a (new) certificate, remembers its expiry for scheduling and passes on expiry warnings.
  #noteCertificate(ref: WatchedSecret, value: SecretValue): void {
    const cert = loadCertificate(value, ref, { now: this.#now() });
    this.#expiry.set(keyOf(ref), cert.info.validTo);
    for (const w of cert.warnings) {
      const id = `${keyOf(ref)}\u0000${value.version}\u0000${w.code}`;
      if (this.#warned.has(id)) continue;
      this.#warned.add(id);
      this.#emit('warning', w);
    }
  }

  #schedule(): void {
    if (this.#stopped) return;
    const now = this.#now().getTime();
    let delay = this.#intervalMs;
    for (const notAfter of this.#expiry.values()) {
      const due = notAfter.getTime() - this.#expiryLeadMs - now;
      // Only an expiry still ahead shortens the wait; once inside the lead window the interval rules,
      // so an unrenewed certificate does not turn into a busy loop.
      if (due > 0 && due < delay) delay = due;
    }
    this.#timer = setTimeout(() => {
      void this.checkNow().finally(() => this.#schedule());
    }, Math.min(delay, MAX_DELAY_MS));
    // The watcher must never be what keeps the process alive.
    this.#timer.unref();
  }

  #emit<K extends keyof SecretWatcherEvents>(event: K, ...args: Parameters<SecretWatcherEvents[K]>): void {
    for (const listener of this.#listeners[event]) {
      try {
        (listener as (...a: Parameters<SecretWatcherEvents[K]>) => void)(...args);
      } catch {
        // A failing listener must not stop the others or the watcher.
      }
    }
  }
}

function keyOf(ref: SecretRef): string {
  return `${ref.vault}\u0000${ref.name}`;
}

function toSluiceError(err: unknown, ref: SecretRef): SluiceError {
  if (err instanceof SluiceError) return err;
  const message = err instanceof Error ? redactSecrets(err.message) : 'unknown error';
  return new SluiceError('SLUICE_SECRET_READ_FAILED', `re-reading ${formatSecretRef(ref)} failed: ${message}`, {
    domain: 'external', cause: err, details: { vault: ref.vault, secret: ref.name },
  });
}
