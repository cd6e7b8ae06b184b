// Reads rows from a JSON file the way ASA's local testing writes and reads them: JSON lines (one object per
// line, LocalRunOutputs' format) or one JSON array of objects (what people often hand-write as expected output).
import { readFile } from 'node:fs/promises';
import { SluiceError } from '../common/index.ts';

export function parseJsonRows(text: string, file: string): unknown[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (Array.isArray(value)) return value;
    } catch (err) {
      throw new SluiceError('SLUICE_TEST_BAD_JSON', `${file}: not valid JSON: ${(err as Error).message}`, { domain: 'user' });
    }
  }
  const rows: unknown[] = [];
  const lines = trimmed.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      rows.push(JSON.parse(line));
    } catch (err) {
      throw new SluiceError('SLUICE_TEST_BAD_JSON', `${file}:${i + 1}: not a JSON object per line: ${(err as Error).message}`, { domain: 'user' });
    }
  }
  return rows;
}

export async function readJsonRows(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new SluiceError('SLUICE_TEST_FILE', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { domain: 'user', cause: err });
  }
  return parseJsonRows(text, file);
}
