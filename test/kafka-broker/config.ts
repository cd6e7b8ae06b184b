// Renders server.properties and the logging config for one combined KRaft broker+controller with the four
// listeners ASA's Kafka input must speak: PLAINTEXT (None), SASL_PLAINTEXT, SSL with client auth (mTLS)
// and SASL_SSL. Everything binds to loopback only.

export interface ListenerPorts {
  plaintext: number;
  saslPlaintext: number;
  ssl: number;
  saslSsl: number;
  controller: number;
}

export interface SaslUser {
  username: string;
  password: string;
}

export interface BrokerConfigInput {
  ports: ListenerPorts;
  dataDir: string;
  serverKeystorePath: string;
  caPath: string;
  /** Accepted with SASL/PLAIN; SCRAM users are written at format time instead (StorageTool --add-scram). */
  plainUsers: SaslUser[];
  kafkaMajor: number;
}

/** JAAS values sit inside double quotes; a quote or backslash in a password would break the config. */
function jaasValue(value: string): string {
  if (/["\\\n]/.test(value)) throw new Error('test SASL credentials must not contain quotes, backslashes or newlines');
  return value;
}

export function renderServerProperties(input: BrokerConfigInput): string {
  const { ports } = input;
  const [admin] = input.plainUsers;
  if (!admin) throw new Error('at least one SASL/PLAIN user is needed');
  const plainJaas =
    'org.apache.kafka.common.security.plain.PlainLoginModule required ' +
    `username="${jaasValue(admin.username)}" password="${jaasValue(admin.password)}" ` +
    input.plainUsers.map((u) => `user_${jaasValue(u.username)}="${jaasValue(u.password)}"`).join(' ') +
    ';';
  const scramJaas = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';

  const lines = [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${ports.controller}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    [
      `listeners=PLAINTEXT://127.0.0.1:${ports.plaintext}`,
      `CONTROLLER://127.0.0.1:${ports.controller}`,
      `SASL_PLAINTEXT://127.0.0.1:${ports.saslPlaintext}`,
      `SSL://127.0.0.1:${ports.ssl}`,
      `SASL_SSL://127.0.0.1:${ports.saslSsl}`,
    ].join(','),
    // TLS listeners advertise "localhost" so that clients verify the broker's host name against its
    // certificate (DNS:localhost) the way they would in production — verification stays on.
    [
      `advertised.listeners=PLAINTEXT://127.0.0.1:${ports.plaintext}`,
      `SASL_PLAINTEXT://127.0.0.1:${ports.saslPlaintext}`,
      `SSL://localhost:${ports.ssl}`,
      `SASL_SSL://localhost:${ports.saslSsl}`,
    ].join(','),
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL',
    `log.dirs=${input.dataDir}`,
    'num.partitions=1',
    // Single-node hygiene: internal topics with one replica and few partitions, no initial rebalance delay.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
    ...['sasl_plaintext', 'sasl_ssl'].flatMap((l) => [
      `listener.name.${l}.plain.sasl.jaas.config=${plainJaas}`,
      `listener.name.${l}.scram-sha-256.sasl.jaas.config=${scramJaas}`,
      `listener.name.${l}.scram-sha-512.sasl.jaas.config=${scramJaas}`,
    ]),
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${input.serverKeystorePath}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${input.caPath}`,
    // mTLS only on the SSL listener; SASL_SSL authenticates with SASL and keeps client auth off.
    'listener.name.ssl.ssl.client.auth=required',
    // Keep test runs quick to shut down and light on disk.
    'log.segment.bytes=16777216',
    'controlled.shutdown.enable=true',
    'shutdown.delay.ms=0',
  ];
  if (input.kafkaMajor >= 4) {
    lines.push('share.coordinator.state.topic.replication.factor=1', 'share.coordinator.state.topic.min.isr=1');
  }
  return lines.join('\n') + '\n';
}

/** Broker logs go to stdout (captured into a file by the harness); chatty loggers are turned down. */
export function renderLog4j1(): string {
  return [
    'log4j.rootLogger=INFO, stdout',
    'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
    'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.kafka=INFO',
    'log4j.logger.org.apache.kafka=INFO',
    'log4j.logger.state.change.logger=WARN',
    'log4j.logger.kafka.request.logger=WARN',
    'log4j.logger.org.apache.kafka.storage.internals.log=WARN',
    'log4j.logger.kafka.log=WARN',
    '',
  ].join('\n');
}

export function renderLog4j2Yaml(): string {
  return [
    'Configuration:',
    '  Appenders:',
    '    Console:',
    '      name: STDOUT',
    '      PatternLayout:',
    '        pattern: "[%d] %p %m (%c)%n"',
    '  Loggers:',
    '    Root:',
    '      level: INFO',
    '      AppenderRef:',
    '        - ref: STDOUT',
    '    Logger:',
    '      - name: state.change.logger',
    '        level: WARN',
    '      - name: kafka.request.logger',
    '        level: WARN',
    '      - name: org.apache.kafka.storage.internals.log',
    '        level: WARN',
    '      - name: kafka.log',
    '        level: WARN',
    '',
  ].join('\n');
}
