// Which past events LIMIT DURATION(unit, n) lets an event at time t see: those after t − n, up to t.
// The docs do not say whether an event exactly n old is still in; sluice treats the history like a
// sliding window ending at the current event, which excludes its start and includes its end
// (Sliding window page), so an event exactly n old is out.
export function visibleAt(entryMs: number, nowMs: number, durationMs: number): boolean {
  return entryMs > nowMs - durationMs;
}
