// The files of a new ASA project, as `sluice init` writes them: the layout the ASA tools for VS Code create
// (asaproj.json, a query, JobConfig.json, Inputs/, Outputs/, test/testConfig.json), with a Kafka input, a
// Kafka output, sample data and one test case that passes as written.

export interface ScaffoldOptions {
  name: string;
  bootstrap: string;
  topic: string;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const SAMPLE = [
  { deviceId: 'sensor-1', temperature: 21.5, EventTime: '2024-01-01T08:00:10Z' },
  { deviceId: 'sensor-2', temperature: 19.0, EventTime: '2024-01-01T08:00:20Z' },
  { deviceId: 'sensor-1', temperature: 22.5, EventTime: '2024-01-01T08:00:40Z' },
  { deviceId: 'sensor-1', temperature: 23.0, EventTime: '2024-01-01T08:01:15Z' },
  { deviceId: 'sensor-2', temperature: 18.0, EventTime: '2024-01-01T08:01:30Z' },
];

const EXPECTED = [
  { deviceId: 'sensor-1', events: 2, avgTemperature: 22.0, windowEnd: '2024-01-01T08:01:00.0000000Z' },
  { deviceId: 'sensor-2', events: 1, avgTemperature: 19.0, windowEnd: '2024-01-01T08:01:00.0000000Z' },
  { deviceId: 'sensor-1', events: 1, avgTemperature: 23.0, windowEnd: '2024-01-01T08:02:00.0000000Z' },
  { deviceId: 'sensor-2', events: 1, avgTemperature: 18.0, windowEnd: '2024-01-01T08:02:00.0000000Z' },
];

const lines = (rows: readonly object[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** Relative path → content of every file of the new project. */
export function scaffoldFiles(o: ScaffoldOptions): Map<string, string> {
  const files = new Map<string, string>();
  files.set('asaproj.json', json({
    name: o.name,
    startFile: `${o.name}.asaql`,
    configurations: [
      { filePath: 'JobConfig.json', subType: 'JobConfig' },
      { filePath: 'Inputs/input.json', subType: 'Input' },
      { filePath: 'Inputs/Local_input.json', subType: 'InputMock' },
      { filePath: 'Outputs/output.json', subType: 'Output' },
    ],
  }));
  files.set(`${o.name}.asaql`, `-- ${o.name}: per-device averages over one-minute tumbling windows.
-- TIMESTAMP BY takes each event's own time; without it, the Kafka record's (LogAppendTime) timestamp is
-- the event time. Try it: sluice test .   Run it on Kafka: sluice run .
SELECT
    deviceId,
    COUNT(*) AS events,
    AVG(temperature) AS avgTemperature,
    System.Timestamp() AS windowEnd
INTO output
FROM input TIMESTAMP BY EventTime
GROUP BY deviceId, TumblingWindow(minute, 1)
`);
  files.set('JobConfig.json', json({
    ScriptType: 'JobConfig',
    DataLocale: 'en-US',
    OutputErrorPolicy: 'Stop',
    EventsLateArrivalMaxDelayInSeconds: 5,
    EventsOutOfOrderMaxDelayInSeconds: 0,
    EventsOutOfOrderPolicy: 'Adjust',
    StreamingUnits: 1,
    CompatibilityLevel: '1.2',
    OutputStartMode: 'JobStartTime',
  }));
  files.set('Inputs/input.json', `// The Kafka input: JSON events (one object per message, UTF-8).
// ASA reads only topics with message.timestamp.type=LogAppendTime: the record timestamp is then the time the
// broker received the event (EventEnqueuedUtcTime). Create the topic with:
//   kafka-topics.sh --bootstrap-server ${o.bootstrap} --create --topic ${o.topic} --partitions 4 \\
//     --config message.timestamp.type=LogAppendTime
// or switch an existing one with:
//   kafka-configs.sh --bootstrap-server ${o.bootstrap} --alter --entity-type topics --entity-name ${o.topic} \\
//     --add-config message.timestamp.type=LogAppendTime
// Check the connection, topic and timestamp type, and read one event: sluice check .
// Secured clusters: SecurityProtocol SASL_SSL, Username, Password { "SecretName": … } (docs/project-format.md).
${json({
    Name: 'input',
    Type: 'Data Stream',
    DataSourceType: 'Kafka',
    KafkaProperties: {
      BootstrapServers: o.bootstrap,
      Topic: o.topic,
      ConsumerGroupId: `${o.name}-input`,
      SecurityProtocol: 'None',
      TimestampType: 'LogAppendTime',
    },
    Serialization: { Type: 'Json', Encoding: 'UTF8' },
    ScriptType: 'Input',
  })}`);
  files.set('Inputs/Local_input.json', json({ InputAlias: 'input', Type: 'Data Stream', Format: 'Json', FilePath: '../Data/input.json', ScriptType: 'InputMock' }));
  files.set('Data/input.json', lines(SAMPLE));
  files.set('Outputs/output.json', `// The output: results as JSON messages on a Kafka topic, keyed by deviceId. Other outputs: File,
// PostgreSQL, Console (docs/project-format.md).
${json({
    Name: 'output',
    DataSourceType: 'Kafka',
    KafkaProperties: { BootstrapServers: o.bootstrap, Topic: `${o.name}-output`, PartitionKey: 'deviceId', CompressionType: 'None' },
    Serialization: { Type: 'Json', Encoding: 'UTF8', Format: 'LineSeparated' },
    ScriptType: 'Output',
  })}`);
  files.set('test/testConfig.json', json({
    Script: `../${o.name}.asaql`,
    TestCases: [{
      Name: 'averages per device and minute',
      Inputs: [{ InputAlias: 'input', Type: 'Data Stream', Format: 'Json', FilePath: 'case1/input.json', ScriptType: 'InputMock' }],
      ExpectedOutputs: [{ OutputAlias: 'output', FilePath: 'case1/output.json', Required: true }],
    }],
  }));
  files.set('test/case1/input.json', lines(SAMPLE));
  files.set('test/case1/output.json', lines(EXPECTED));
  return files;
}
