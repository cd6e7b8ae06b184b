// connectors/console: the Console output — rows as JSON lines with ASA's formatting, for development.
export { ConsoleSink } from './console-sink.ts';
export type { ConsoleSinkOptions } from './console-sink.ts';
