// The demo's data: IoT telemetry from a fleet of devices, one JSON reading per device per tick, with a few
// devices running hot so that the example's threshold alerts fire. Seeded, so every run looks alike.

export interface TelemetryReading {
  deviceId: string;
  temperature: number;
  humidity: number;
  EventTime: string;
}

/** A small xorshift generator: reproducible without a dependency. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

export class TelemetryGenerator {
  readonly #next: () => number;
  readonly #baseline: number[];
  readonly devices: number;

  constructor(devices: number, seed = 42) {
    this.devices = devices;
    this.#next = random(seed);
    // Each device drifts around its own baseline; every tenth one runs close to the alert threshold.
    this.#baseline = Array.from({ length: devices }, (_, i) => (i % 10 === 7 ? 42 : 18 + this.#next() * 10));
  }

  /** One reading from every device, stamped `atMs`. */
  tick(atMs: number): TelemetryReading[] {
    const time = new Date(atMs).toISOString();
    const out = new Array<TelemetryReading>(this.devices);
    for (let i = 0; i < this.devices; i++) {
      out[i] = {
        deviceId: `device-${String(i + 1).padStart(3, '0')}`,
        temperature: Math.round((this.#baseline[i]! + (this.#next() - 0.5) * 8) * 10) / 10,
        humidity: Math.round(35 + this.#next() * 30),
        EventTime: time,
      };
    }
    return out;
  }
}
