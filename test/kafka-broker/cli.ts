// Development helper: `npm run kafka:start` starts a broker that outlives the command (so tests can be
// rerun quickly with SLUICE_TEST_KAFKA=.sluice-test/kafka.json); `npm run kafka:stop` stops it.
import { rm } from 'node:fs/promises';
import { startKafkaBroker, stopKafkaBroker } from './broker.ts';
import { brokerStatePath, readBrokerState, writeBrokerState } from './state.ts';

const command = process.argv[2];
const statePath = brokerStatePath();

if (command === 'start') {
  const existing = readBrokerState(statePath);
  if (existing) {
    try {
      process.kill(existing.pid, 0);
      console.log(`a broker is already running (pid ${existing.pid}); SLUICE_TEST_KAFKA=${statePath}`);
      process.exit(0);
    } catch { /* stale state: start a new one */ }
  }
  const broker = await startKafkaBroker({ ownerPid: 0, log: (l) => console.log(l) });
  await writeBrokerState(statePath, broker);
  console.log(`Kafka ${broker.version}: ${JSON.stringify(broker.bootstrap)}`);
  console.log(`run tests against it with: SLUICE_TEST_KAFKA=${statePath} npm test`);
} else if (command === 'stop') {
  const broker = readBrokerState(statePath);
  if (broker) await stopKafkaBroker(broker);
  await rm(statePath, { force: true });
  console.log(broker ? `stopped broker pid ${broker.pid}` : 'no broker was running');
} else {
  console.error('usage: node test/kafka-broker/cli.ts start|stop');
  process.exit(2);
}
