// Where pino's lines go: every line passes the redactor first (a library's error text may quote a password
// or a key line nobody foresaw), then is written as is (JSON lines, for log shippers) or, on a terminal,
// as one readable line: time, level, message, then the structured fields as key=value.

export interface LogDestinationOptions {
  write: (text: string) => void;
  redact?: (text: string) => string;
  /** Human-readable lines instead of JSON (a terminal). */
  pretty?: boolean;
  /** Called before each line, e.g. to clear the status line it would otherwise run into. */
  beforeWrite?: () => void;
}

const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

function fieldText(value: unknown): string {
  if (typeof value === 'string') return /\s|"/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

/** Formats one pino JSON line for a person; a line that is not JSON is returned unchanged. */
export function prettyLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry['time'] === 'string' ? entry['time'].slice(11, 23) : new Date(Number(entry['time'] ?? Date.now())).toISOString().slice(11, 23);
  const raw = entry['level'];
  const level = typeof raw === 'string' ? raw.toUpperCase() : LEVEL_NAMES[Number(raw)] ?? String(raw);
  const fields = Object.entries(entry).filter(([k]) => !HIDDEN.has(k)).map(([k, v]) => {
    if (k === 'err' && v && typeof v === 'object' && 'message' in v) return `err=${fieldText((v as { message: unknown }).message)}`;
    return `${k}=${fieldText(v)}`;
  });
  return `${time} ${level.padEnd(5)} ${String(entry['msg'] ?? '')}${fields.length ? `  ${fields.join(' ')}` : ''}\n`;
}

export function logDestination(options: LogDestinationOptions): { write(line: string): void } {
  const redact = options.redact ?? ((t: string) => t);
  return {
    write(line: string): void {
      const safe = redact(line);
      options.beforeWrite?.();
      options.write(options.pretty ? prettyLogLine(safe) : safe);
    },
  };
}
