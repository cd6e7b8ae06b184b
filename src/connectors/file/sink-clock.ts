// The time source of a batching sink: now() stamps batches and names their folders, timers enforce
// MaximumTime. Injectable so tests drive batching without waiting.
export interface SinkClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: SinkClock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const t = setTimeout(callback, ms);
    // A pending batch must not keep a finished process alive; close() writes it anyway.
    t.unref();
    return t;
  },
  clearTimer(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
