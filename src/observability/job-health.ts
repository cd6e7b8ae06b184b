// What /health reports: liveness (the process answers) and readiness (every input connected and every
// output's last write succeeded), with the last batch time of each input so an operator can tell a quiet
// topic from a stuck job. Error texts pass through the caller's redaction before they are kept.

export interface InputHealth {
  name: string;
  connected: boolean;
  /** When the input last returned records (ISO 8601), or null before the first. */
  lastBatchAt: string | null;
}

export interface OutputHealth {
  name: string;
  healthy: boolean;
  /** The last write failure while unhealthy. */
  lastError?: string;
}

export interface HealthReport {
  status: 'ok' | 'starting' | 'degraded';
  live: true;
  ready: boolean;
  inputs: InputHealth[];
  outputs: OutputHealth[];
}

export class JobHealth {
  readonly #inputs = new Map<string, { connected: boolean; lastBatchMs: number | undefined }>();
  readonly #outputs = new Map<string, { healthy: boolean; lastError: string | undefined }>();
  readonly #redact: (text: string) => string;
  #running = false;

  constructor(redact: (text: string) => string = (t) => t) {
    this.#redact = redact;
  }

  input(name: string, connected: boolean): void {
    const i = this.#inputs.get(name);
    if (i) i.connected = connected;
    else this.#inputs.set(name, { connected, lastBatchMs: undefined });
  }

  batchRead(name: string, atMs: number): void {
    const i = this.#inputs.get(name);
    if (i) i.lastBatchMs = atMs;
  }

  output(name: string, healthy: boolean, error?: unknown): void {
    const lastError = healthy || error === undefined ? undefined : this.#redact(error instanceof Error ? error.message : String(error));
    this.#outputs.set(name, { healthy, lastError });
  }

  /** Every input is subscribed: the job is past start-up. */
  running(): void {
    this.#running = true;
  }

  report(): HealthReport {
    const inputs = [...this.#inputs].map(([name, i]) => ({
      name, connected: i.connected, lastBatchAt: i.lastBatchMs === undefined ? null : new Date(i.lastBatchMs).toISOString(),
    }));
    const outputs = [...this.#outputs].map(([name, o]) => ({ name, healthy: o.healthy, ...(o.lastError === undefined ? {} : { lastError: o.lastError }) }));
    const ready = this.#running && inputs.every((i) => i.connected) && outputs.every((o) => o.healthy);
    return { status: ready ? 'ok' : this.#running ? 'degraded' : 'starting', live: true, ready, inputs, outputs };
  }
}
