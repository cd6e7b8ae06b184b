// The one place metric names are spelled, so docs/observability.md, the tests and dashboards agree.
export const METRIC_PREFIX = 'sluice_';

export const METRIC = {
  inputEvents: 'sluice_input_events_total',
  inputBytes: 'sluice_input_bytes_total',
  deserializationErrors: 'sluice_input_deserialization_errors_total',
  deadLettered: 'sluice_input_dead_lettered_events_total',
  lateEvents: 'sluice_input_late_events_total',
  earlyEvents: 'sluice_input_early_events_total',
  outOfOrderEvents: 'sluice_input_out_of_order_events_total',
  adjustedEvents: 'sluice_input_adjusted_events_total',
  droppedEvents: 'sluice_input_dropped_events_total',
  watermarkDelay: 'sluice_input_watermark_delay_seconds',
  consumerLag: 'sluice_input_consumer_lag_events',
  outputEvents: 'sluice_output_events_total',
  outputErrors: 'sluice_output_errors_total',
  outputDroppedRows: 'sluice_output_dropped_rows_total',
  stateSize: 'sluice_state_size_bytes',
  checkpointDuration: 'sluice_checkpoint_duration_seconds',
  udfErrors: 'sluice_udf_errors_total',
  certificateExpiry: 'sluice_certificate_expiry_seconds',
} as const;
