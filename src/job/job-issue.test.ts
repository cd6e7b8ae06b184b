import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkJobSpec, DEFAULT_JOB_CONFIG, didYouMean, formatKeyPath, resolveKeyPath, type JobSpec } from './index.ts';

describe('resolveKeyPath', () => {
  it('maps canonical keys to the user\'s spelling, aliases and ARM property wrappers', () => {
    const doc = { kafkaproperties: { topicName: 't' }, properties: { datasource: { properties: { BOOTSTRAPSERVERS: 'x' } } }, list: [{ A: 1 }] };
    assert.deepEqual(resolveKeyPath(doc, ['KafkaProperties', 'Topic']), { path: ['kafkaproperties', 'topicName'], found: true });
    assert.deepEqual(resolveKeyPath(doc, ['DataSource', 'Properties', 'BootstrapServers']),
      { path: ['properties', 'datasource', 'properties', 'BOOTSTRAPSERVERS'], found: true });
    assert.deepEqual(resolveKeyPath(doc, ['List', 0, 'a']), { path: ['list', 0, 'A'], found: true });
    assert.deepEqual(resolveKeyPath(doc, ['KafkaProperties', 'Password']), { path: ['kafkaproperties', 'Password'], found: false });
  });

  it('formats paths for people', () => {
    assert.equal(formatKeyPath(['TestCases', 0, 'Inputs', 1, 'FilePath']), 'TestCases[0].Inputs[1].FilePath');
  });
});

describe('didYouMean', () => {
  it('suggests close names, counts swapped letters as one edit, and stays quiet on ties', () => {
    assert.equal(didYouMean('Kafak', ['Kafka', 'File']), 'Kafka');
    assert.equal(didYouMean('SSLL', ['None', 'SASL_SSL', 'SSL']), 'SSL');
    assert.equal(didYouMean('1.3', ['1.0', '1.1', '1.2']), undefined);
    assert.equal(didYouMean('Carrier', ['Kafka', 'File']), undefined);
  });
});

describe('checkJobSpec', () => {
  it('finds aliases repeated ignoring case', () => {
    const input = { alias: 'In', kind: 'stream', source: { kind: 'local' }, compression: 'None', live: false } as const;
    const spec: JobSpec = { name: 'j', config: { ...DEFAULT_JOB_CONFIG }, inputs: [{ ...input }, { ...input, alias: 'in' }], outputs: [], functions: [] };
    const issues = checkJobSpec(spec);
    assert.deepEqual(issues.map((i) => [i.path, i.code]), [[['inputs', 1], 'SLUICE_JOB_DUPLICATE_NAME']]);
  });
});
