// The pino logger: JSON lines with level names, the --log-level threshold, readable lines for a terminal,
// and secrets redacted both by field name and by value.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from './create-logger.ts';
import { prettyLogLine } from './log-destination.ts';

const SECRET = 'p4ssw0rd-that-must-not-leak';

function capture(level?: string, pretty = false): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const logger = createLogger({ ...(level ? { level } : {}), pretty, write: (t) => lines.push(t), redact: (t) => t.split(SECRET).join('***') });
  return { lines, logger };
}

describe('createLogger', () => {
  it('writes one JSON object per line with the level name, time and fields', () => {
    const { lines, logger } = capture();
    logger.info({ input: 'readings', partition: 1 }, 'skipped a message');
    assert.equal(lines.length, 1);
    assert.ok(lines[0]!.endsWith('\n'));
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.equal(entry['level'], 'info');
    assert.equal(entry['msg'], 'skipped a message');
    assert.equal(entry['input'], 'readings');
    assert.equal(entry['partition'], 1);
    assert.match(String(entry['time']), /^\d{4}-\d\d-\d\dT/);
  });

  it('drops lines below the level (info by default) and rejects unknown levels', () => {
    const info = capture();
    info.logger.debug('hidden');
    info.logger.warn('shown');
    assert.equal(info.lines.length, 1);
    const trace = capture('trace');
    trace.logger.trace('shown');
    assert.equal(trace.lines.length, 1);
    const fatal = capture('fatal');
    fatal.logger.error('hidden');
    assert.equal(fatal.lines.length, 0);
    assert.throws(() => capture('verbose'), (err: Error & { code?: string }) => err.code === 'SLUICE_LOG_LEVEL' && /verbose/.test(err.message));
  });

  it('redacts secret fields by name and secret values anywhere in the line', () => {
    const { lines, logger } = capture();
    logger.warn({ sasl: { username: 'u', password: 'not-registered-anywhere' }, detail: `broker said ${SECRET}` }, `oops ${SECRET}`);
    const line = lines[0]!;
    assert.ok(!line.includes(SECRET));
    assert.ok(!line.includes('not-registered-anywhere'));
    const entry = JSON.parse(line) as { sasl: { password: string }; msg: string };
    assert.equal(entry.sasl.password, '***');
    assert.equal(entry.msg, 'oops ***');
  });

  it('prints readable lines for a terminal', () => {
    const { lines, logger } = capture(undefined, true);
    logger.warn({ input: 'readings', offset: 7 }, 'skipped the message');
    assert.match(lines[0]!, /^\d\d:\d\d:\d\d\.\d{3} WARN {2}skipped the message {2}input=readings offset=7\n$/);
    assert.equal(prettyLogLine('not json\n'), 'not json\n');
  });
});
