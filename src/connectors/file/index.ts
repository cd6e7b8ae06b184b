// connectors/file: the File output — ASA's Blob/ADLS output on a local folder: path patterns, batching, atomic files.
export { FileSink } from './file-sink.ts';
export type { FileSinkOptions } from './file-sink.ts';
export { PathPattern } from './path-pattern.ts';
export type { FileDateFormat, FileTimeFormat, PathPatternOptions } from './path-pattern.ts';
export { systemClock } from './sink-clock.ts';
export type { SinkClock } from './sink-clock.ts';
export { isTemporaryName, writeFilesAtomically } from './atomic-files.ts';
export type { PlannedFile } from './atomic-files.ts';
