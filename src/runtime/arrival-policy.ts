// The job's time policies (JobConfig EventsLateArrivalMaxDelayInSeconds, EventsOutOfOrderMaxDelayInSeconds,
// EventsOutOfOrderPolicy), applied where TIMESTAMP BY gives an event its time ("ignored when arrival
// time is the event time"):
// - early arrival: an event whose time is more than 5 minutes after its arrival is dropped;
// - late arrival: an event whose arrival − event time exceeds the tolerance L is adjusted to
//   arrival − L, or dropped when the action is Drop;
// - out of order: an event older than the newest event of its partition by more than the tolerance O
//   is adjusted (or dropped). The event-ordering page's table adjusts such an event to arrival − O
//   (event 5: 00:10:35 arriving 00:10:45 → 00:10:37), the time-handling page's watermark is
//   max event time − O; sluice takes the later of the two (open question 3), which keeps every event at
//   or after its partition's watermark.
// https://learn.microsoft.com/azure/stream-analytics/stream-analytics-time-handling,
// https://learn.microsoft.com/azure/stream-analytics/event-ordering.

export interface ArrivalPolicy {
  /** Late-arrival tolerance in ms (JobConfig EventsLateArrivalMaxDelayInSeconds; ASA's default is 5 s). */
  readonly lateArrivalMs: number;
  /** JobConfig EventsOutOfOrderPolicy: what happens to a late or out-of-order event. */
  readonly action: 'adjust' | 'drop';
  /** Early-arrival window in ms (fixed at 5 minutes in ASA). */
  readonly earlyArrivalMs: number;
  /** Out-of-order tolerance in ms (JobConfig EventsOutOfOrderMaxDelayInSeconds; ASA's default is 0). */
  readonly outOfOrderMs?: number;
}

export const ASA_DEFAULT_ARRIVAL_POLICY: ArrivalPolicy = { lateArrivalMs: 5_000, action: 'adjust', earlyArrivalMs: 300_000, outOfOrderMs: 0 };

/** Events counted by the time policies of one source (JobGraph.timeCounters sums them). */
export interface TimeCounters {
  /** Arrived more than the late-arrival tolerance after their event time. */
  late: number;
  /** Event time more than 5 minutes after arrival (always dropped). */
  early: number;
  /** Older than the newest event already seen in their partition. */
  outOfOrder: number;
  /** Given a later System.Timestamp() by the Adjust action (the payload is unchanged). */
  adjusted: number;
  /** Dropped by the early rule or the Drop action. */
  dropped: number;
}

export function newTimeCounters(): TimeCounters {
  return { late: 0, early: 0, outOfOrder: 0, adjusted: 0, dropped: 0 };
}

/** The event time after the stateless policies, or the data-error code that drops the event. */
export function applyArrivalPolicy(eventMs: number, arrivalMs: number, policy: ArrivalPolicy): number | 'InputEventEarlyBeyondThreshold' | 'InputEventLateBeyondThreshold' {
  if (eventMs - arrivalMs > policy.earlyArrivalMs) return 'InputEventEarlyBeyondThreshold';
  if (arrivalMs - eventMs > policy.lateArrivalMs) return policy.action === 'drop' ? 'InputEventLateBeyondThreshold' : arrivalMs - policy.lateArrivalMs;
  return eventMs;
}
