// Names of functions that are not scalar built-ins: aggregates and analytic functions (part 2) and
// table-valued functions (APPLY only). Lower-cased for lookup.
// Aggregates: https://learn.microsoft.com/stream-analytics-query/aggregate-functions-azure-stream-analytics
// Analytic: https://learn.microsoft.com/stream-analytics-query/analytic-functions-azure-stream-analytics

export const AGGREGATE_FUNCTIONS = new Set([
  'avg', 'collect', 'collecttop', 'count', 'max', 'min', 'percentile_cont', 'percentile_disc', 'stdev', 'stdevp',
  'sum', 'topone', 'var', 'varp',
]);

export const ANALYTIC_FUNCTIONS = new Set(['lag', 'last', 'isfirst', 'anomalydetection_spikeanddip', 'anomalydetection_changepoint']);
