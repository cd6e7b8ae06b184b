// DataSourceType names as ASA's VS Code files spell them ("Event Hub", "Blob Storage" …), as ARM spells
// them ("Microsoft.ServiceBus/EventHub" …), and sluice's own (Kafka, File, PostgreSQL, Console), mapped to
// one canonical name each. Which of them sluice can run live is decided here too.
import { didYouMean } from './did-you-mean.ts';

export type InputSourceType =
  | 'Kafka' | 'File' | 'PostgreSQL'
  | 'Event Hub' | 'IoT Hub' | 'Blob Storage' | 'SQL Database' | 'Event Grid' | 'Raw' | 'GatewayMessageBus';

export type OutputSinkType =
  | 'Kafka' | 'File' | 'PostgreSQL' | 'Console'
  | 'Blob Storage' | 'Event Hub' | 'SQL Database' | 'Synapse' | 'Table Storage' | 'DocumentDB'
  | 'Azure Function' | 'Service Bus Queue' | 'Service Bus Topic' | 'Power BI' | 'Data Lake Storage Gen1'
  | 'Azure Data Explorer' | 'GatewayMessageBus' | 'Raw';

const INPUT_ALIASES: Record<string, InputSourceType> = {
  kafka: 'Kafka', 'microsoft.kafka': 'Kafka', 'kafka/topic': 'Kafka', 'apache kafka': 'Kafka',
  file: 'File', 'local file': 'File', localfile: 'File',
  postgresql: 'PostgreSQL', postgres: 'PostgreSQL', 'azure database for postgresql': 'PostgreSQL',
  'microsoft.dbforpostgresql/servers/databases': 'PostgreSQL',
  'event hub': 'Event Hub', eventhub: 'Event Hub', 'microsoft.servicebus/eventhub': 'Event Hub', 'microsoft.eventhub/eventhub': 'Event Hub',
  'iot hub': 'IoT Hub', iothub: 'IoT Hub', 'microsoft.devices/iothubs': 'IoT Hub',
  'blob storage': 'Blob Storage', blob: 'Blob Storage', 'blob storage/adls gen2': 'Blob Storage', 'microsoft.storage/blob': 'Blob Storage',
  'sql database': 'SQL Database', sql: 'SQL Database', 'microsoft.sql/server/database': 'SQL Database',
  'event grid': 'Event Grid', 'microsoft.eventgrid/eventsubscriptions': 'Event Grid',
  raw: 'Raw', gatewaymessagebus: 'GatewayMessageBus',
};

const OUTPUT_ALIASES: Record<string, OutputSinkType> = {
  kafka: 'Kafka', 'microsoft.kafka': 'Kafka', 'kafka/topic': 'Kafka', 'apache kafka': 'Kafka',
  file: 'File', 'local file': 'File', localfile: 'File', directory: 'File',
  postgresql: 'PostgreSQL', postgres: 'PostgreSQL', 'azure database for postgresql': 'PostgreSQL',
  'microsoft.dbforpostgresql/servers/databases': 'PostgreSQL',
  console: 'Console', stdout: 'Console',
  'blob storage': 'Blob Storage', blob: 'Blob Storage', 'blob storage/adls gen2': 'Blob Storage', 'microsoft.storage/blob': 'Blob Storage',
  'event hub': 'Event Hub', eventhub: 'Event Hub', 'microsoft.servicebus/eventhub': 'Event Hub', 'microsoft.eventhub/eventhub': 'Event Hub',
  'sql database': 'SQL Database', sql: 'SQL Database', 'microsoft.sql/server/database': 'SQL Database',
  synapse: 'Synapse', 'azure synapse analytics': 'Synapse', 'microsoft.sql/server/datawarehouse': 'Synapse',
  'table storage': 'Table Storage', table: 'Table Storage', 'microsoft.storage/table': 'Table Storage',
  documentdb: 'DocumentDB', 'cosmos db': 'DocumentDB', cosmosdb: 'DocumentDB', 'microsoft.storage/documentdb': 'DocumentDB',
  'azure function': 'Azure Function', 'microsoft.azurefunction': 'Azure Function',
  'service bus queue': 'Service Bus Queue', 'microsoft.servicebus/queue': 'Service Bus Queue',
  'service bus topic': 'Service Bus Topic', 'microsoft.servicebus/topic': 'Service Bus Topic',
  'power bi': 'Power BI', powerbi: 'Power BI',
  'data lake storage gen1': 'Data Lake Storage Gen1', 'microsoft.datalake/accounts': 'Data Lake Storage Gen1',
  'azure data explorer': 'Azure Data Explorer', 'microsoft.kusto/clusters/databases': 'Azure Data Explorer',
  gatewaymessagebus: 'GatewayMessageBus', raw: 'Raw',
};

export type Lookup<T> = { found: T } | { unknown: string; suggestion?: string };

function lookup<T extends string>(table: Record<string, T>, name: string): Lookup<T> {
  const hit = table[name.trim().toLowerCase()];
  if (hit !== undefined) return { found: hit };
  const canonical = [...new Set(Object.values(table))];
  const suggestion = didYouMean(name, canonical);
  return suggestion === undefined ? { unknown: name } : { unknown: name, suggestion };
}

export function lookupInputSourceType(name: string): Lookup<InputSourceType> {
  return lookup(INPUT_ALIASES, name);
}

export function lookupOutputSinkType(name: string): Lookup<OutputSinkType> {
  return lookup(OUTPUT_ALIASES, name);
}

/** The property-bag key of a source/sink in VS Code files ("KafkaProperties"), for types sluice reads. */
export function propertiesKeyOf(type: 'Kafka' | 'File' | 'PostgreSQL'): string {
  return `${type}Properties`;
}

/** Keys whose values are credentials; dropped from the settings of sources/sinks sluice only keeps. */
const SECRET_KEY = /(accountkey|policykey|accesskey|apikey|password|secret|token|connectionstring|sasurl)$/i;

/** Copies an opaque property bag without credentials, so kept settings can be shown or logged safely. */
export function withoutSecrets(bag: unknown): Record<string, unknown> {
  if (typeof bag !== 'object' || bag === null || Array.isArray(bag)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(bag)) {
    if (v === null || SECRET_KEY.test(k)) continue;
    out[k] = typeof v === 'object' && !Array.isArray(v) ? withoutSecrets(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? withoutSecrets(x) : x)) : v;
  }
  return out;
}
