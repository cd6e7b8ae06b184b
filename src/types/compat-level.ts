// Compatibility levels 1.0 / 1.1 / 1.2 and the behaviour switches the docs tie to each. Every switch is
// a named field so that code asks "does this job lower-case field names?" rather than comparing
// version strings. Source: "Compatibility level for Azure Stream Analytics jobs",
// https://learn.microsoft.com/azure/stream-analytics/stream-analytics-compatibility-level
import { SluiceError } from '../common/index.ts';

export type CompatLevel = '1.0' | '1.1' | '1.2';

/** New jobs get 1.2, the level the docs recommend ("create it by using the latest compatibility level"). */
export const DEFAULT_COMPAT_LEVEL: CompatLevel = '1.2';

export interface CompatBehaviour {
  readonly level: CompatLevel;
  /** 1.0 lower-cases field names; 1.1+ keeps their case ("Persisting case-sensitivity for field names"). */
  readonly lowerCaseFieldNames: boolean;
  /**
   * 1.0's JSON reader turns date-looking strings into datetime at ingress; 1.1+ keeps them as strings
   * until a datetime operation converts them ("Disable automatic conversion of datetime strings").
   */
  readonly jsonDateStringsAsDatetime: boolean;
  /** 1.1+ CREATE TABLE drops events with NaN/±Infinity in a float column ("FloatNaNDeserializationDisabled"). */
  readonly createTableDropsNaN: boolean;
  /** 1.2 reads JSON/Avro/Parquet booleans as bit (true/false out); below, as bigint 1/0. */
  readonly booleanAsBit: boolean;
  /** The bit type exists only from 1.2 (Data Types page). */
  readonly bitTypeAvailable: boolean;
  /** 1.2 rejects a prefix on built-in functions/aggregates (`x.ABS()`) and the UDF prefix `system`. */
  readonly strictFunctionPrefix: boolean;
  /**
   * Geospatial semantics: geography (geodesic) below 1.2, geometric projected coordinates plus full WKT
   * from 1.2 ("Geospatial functions" section).
   */
  readonly geospatial: 'geography' | 'geometry';
  /** 1.2 serialises records and arrays to SQL outputs as JSON; below, as the strings "Record"/"Array". */
  readonly sqlOutputJson: boolean;
  /** GetMetadataPropertyValue's alias keeps its case from 1.2 (GetMetadataPropertyValue page). */
  readonly metadataAliasKeepsCase: boolean;
}

const LEVELS: Readonly<Record<CompatLevel, CompatBehaviour>> = {
  '1.0': {
    level: '1.0',
    lowerCaseFieldNames: true,
    jsonDateStringsAsDatetime: true,
    createTableDropsNaN: false,
    booleanAsBit: false,
    bitTypeAvailable: false,
    strictFunctionPrefix: false,
    geospatial: 'geography',
    sqlOutputJson: false,
    metadataAliasKeepsCase: false,
  },
  '1.1': {
    level: '1.1',
    lowerCaseFieldNames: false,
    jsonDateStringsAsDatetime: false,
    createTableDropsNaN: true,
    booleanAsBit: false,
    bitTypeAvailable: false,
    strictFunctionPrefix: false,
    geospatial: 'geography',
    sqlOutputJson: false,
    metadataAliasKeepsCase: false,
  },
  '1.2': {
    level: '1.2',
    lowerCaseFieldNames: false,
    jsonDateStringsAsDatetime: false,
    createTableDropsNaN: true,
    booleanAsBit: true,
    bitTypeAvailable: true,
    strictFunctionPrefix: true,
    geospatial: 'geometry',
    sqlOutputJson: true,
    metadataAliasKeepsCase: true,
  },
};

export function compatBehaviour(level: CompatLevel = DEFAULT_COMPAT_LEVEL): CompatBehaviour {
  return LEVELS[level];
}

/** Reads a level as written in JobConfig.json / asaproj (`"1.2"`, `1.2`); throws a user error otherwise. */
export function parseCompatLevel(text: string | number): CompatLevel {
  const s = typeof text === 'number' ? text.toFixed(1) : text.trim();
  if (s === '1.0' || s === '1.1' || s === '1.2') return s;
  throw new SluiceError('SLUICE_TYPES_COMPAT_LEVEL', `unknown compatibility level '${String(text)}'`, {
    domain: 'user',
    hint: 'use 1.0, 1.1 or 1.2 (1.2 is the default for new jobs)',
  });
}
