import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_JOB_CONFIG, parseJobConfig, type JobConfigSpec } from './index.ts';

function ok(raw: unknown): JobConfigSpec {
  const r = parseJobConfig(raw);
  assert.ok(r.ok, JSON.stringify(r.issues));
  return r.value;
}

function errorAt(raw: unknown, path: string): string {
  const r = parseJobConfig(raw);
  assert.equal(r.ok, false);
  const hit = r.issues.find((i) => i.path.join('.') === path);
  assert.ok(hit, `no issue at ${path}: ${JSON.stringify(r.issues)}`);
  return hit.message;
}

describe('JobConfig.json', () => {
  it('uses ASA\'s defaults (late arrival absent = -1, en-US, Adjust, Stop)', () => {
    // learn.microsoft.com "Azure Stream Analytics JobConfig.json fields": an absent late-arrival delay is -1.
    assert.deepEqual(ok({}), DEFAULT_JOB_CONFIG);
    assert.equal(DEFAULT_JOB_CONFIG.eventsLateArrivalMaxDelaySeconds, -1);
  });

  it('accepts the portal\'s "Retry" for the file\'s "Stop", numbers as strings, any key case', () => {
    const c = ok({ outputerrorpolicy: 'retry', EVENTSOUTOFORDERMAXDELAYINSECONDS: '7', CompatibilityLevel: 1.0, StreamingUnits: 6 });
    assert.equal(c.outputErrorPolicy, 'Stop');
    assert.equal(c.eventsOutOfOrderMaxDelaySeconds, 7);
    assert.equal(c.compatibilityLevel, '1.0');
    assert.equal(c.sku.streamingUnits, 6);
  });

  it('reads the newer Sku object and rejects a conflicting StreamingUnits', () => {
    assert.deepEqual(ok({ Sku: { Name: 'StandardV2', StreamingUnits: '3' } }).sku, { name: 'StandardV2', streamingUnits: 3 });
    assert.match(errorAt({ StreamingUnits: 1, Sku: { StreamingUnits: 3 } }, 'Sku.StreamingUnits'), /give one of them/);
  });

  it('warns when streaming units are missing from a real JobConfig', () => {
    const r = parseJobConfig({ ScriptType: 'JobConfig' });
    assert.ok(r.ok);
    assert.match(r.issues[0]?.message ?? '', /ASA requires it/);
  });

  it('checks ranges and enum values', () => {
    assert.match(errorAt({ EventsLateArrivalMaxDelayInSeconds: 1814400 }, 'EventsLateArrivalMaxDelayInSeconds'), /-1 .* 1814399/);
    assert.equal(errorAt({ EventsOutOfOrderPolicy: 'Adjst' }, 'EventsOutOfOrderPolicy'), 'is "Adjst"; allowed: Adjust, Drop (did you mean Adjust?)');
    assert.match(errorAt({ DataLocale: 'not a locale!' }, 'DataLocale'), /culture name/);
  });

  it('reads system- and user-assigned identities', () => {
    assert.deepEqual(ok({ UseSystemAssignedIdentity: true }).identity, { type: 'SystemAssigned' });
    assert.deepEqual(ok({ Identity: { Type: 'UserAssigned', ClientId: 'abc' } }).identity, { type: 'UserAssigned', clientId: 'abc' });
    assert.match(errorAt({ Identity: { Type: 'UserAssigned' } }, 'Identity.ClientId'), /client \(application\) id/);
    assert.match(errorAt({ UseSystemAssignedIdentity: true, Identity: { Type: 'UserAssigned', ClientId: 'x' } }, 'Identity.Type'), /one identity/);
  });

  it('reads the start mode extension and normalizes the start time to UTC', () => {
    const c = ok({ OutputStartMode: 'CustomTime', OutputStartTime: '2026-01-31T08:00:00+01:00' });
    assert.equal(c.outputStartTime, '2026-01-31T07:00:00.000Z');
    assert.equal(ok({ OutputStartMode: 'When last stopped' }).outputStartMode, 'LastOutputEventTime');
    assert.match(errorAt({ OutputStartMode: 'CustomTime' }, 'OutputStartTime'), /required/);
    assert.match(errorAt({ OutputStartMode: 'CustomTime', OutputStartTime: '31/01/2026' }, 'OutputStartTime'), /ISO-8601/);
  });

  it('needs a storage account for JobStorageAccount and keeps the key only as a secret value', () => {
    assert.match(errorAt({ ContentStoragePolicy: 'JobStorageAccount' }, 'GlobalStorage.AccountName'), /required/);
    const c = ok({ ContentStoragePolicy: 'JobStorageAccount', GlobalStorage: { AccountName: 'a', AccountKey: '********' } });
    assert.deepEqual(c.globalStorage, { accountName: 'a', authenticationMode: 'ConnectionString' });
  });
});
