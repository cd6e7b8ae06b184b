// The per-event time policies that need no state, applied where TIMESTAMP BY gives an event its time
// (both are "ignored when arrival time is the event time"):
// - late arrival: an event whose arrival − event time exceeds the tolerance L is adjusted to
//   arrival − L, or dropped when the job's action is Drop;
// - early arrival: an event whose time is more than 5 minutes after its arrival is dropped.
// https://learn.microsoft.com/azure/stream-analytics/stream-analytics-time-handling,
// https://learn.microsoft.com/azure/stream-analytics/event-ordering. Out-of-order buffering needs
// state and a watermark: part 2 puts it after this, in its own operator.

export interface ArrivalPolicy {
  /** Late-arrival tolerance in ms (JobConfig EventsLateArrivalMaxDelayInSeconds; ASA's default is 5 s). */
  readonly lateArrivalMs: number;
  /** JobConfig EventsOutOfOrderPolicy: what happens to a late event. */
  readonly action: 'adjust' | 'drop';
  /** Early-arrival window in ms (fixed at 5 minutes in ASA). */
  readonly earlyArrivalMs: number;
}

export const ASA_DEFAULT_ARRIVAL_POLICY: ArrivalPolicy = { lateArrivalMs: 5_000, action: 'adjust', earlyArrivalMs: 300_000 };

/** The event time after the policy, or the data-error code that drops the event. */
export function applyArrivalPolicy(eventMs: number, arrivalMs: number, policy: ArrivalPolicy): number | 'InputEventEarlyBeyondThreshold' | 'InputEventLateBeyondThreshold' {
  if (eventMs - arrivalMs > policy.earlyArrivalMs) return 'InputEventEarlyBeyondThreshold';
  if (arrivalMs - eventMs > policy.lateArrivalMs) return policy.action === 'drop' ? 'InputEventLateBeyondThreshold' : arrivalMs - policy.lateArrivalMs;
  return eventMs;
}
