// Reads one JSON file of a project, turning every way that can fail into issues rather than exceptions.
import { readFile } from 'node:fs/promises';
import { parseJsonDocument, type JsonDocument } from './json-document.ts';
import { fileIssue, jsonIssues, type ProjectIssue } from './project-issue.ts';

export interface ReadJson {
  doc?: JsonDocument;
  issues: ProjectIssue[];
}

export async function readJsonFile(file: string, display: string): Promise<ReadJson> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    return { issues: [fileIssue(display, `cannot be read (${reason})`, 'SLUICE_PROJECT_FILE_UNREADABLE')] };
  }
  const doc = parseJsonDocument(text);
  return doc.syntaxError ? { issues: jsonIssues(doc, display) } : { doc, issues: jsonIssues(doc, display) };
}

/** Whether a value is a JSON object (not an array or null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SECRET_KEY = /(password|accountkey|policykey|accesskey|apikey|secret|token|connectionstring)$/i;

/**
 * Inline credential values found anywhere in a document (keys such as Password or AccountKey), so that
 * errors can be scrubbed of them as a second line of defence.
 */
export function inlineSecrets(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) inlineSecrets(v, out);
  else if (isJsonObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && SECRET_KEY.test(k) && !/name$/i.test(k)) {
        // ASA's placeholders ("********") are not secrets, and scrubbing them would garble messages.
        if (!/^\**$/.test(v.trim())) out.push(v);
      } else inlineSecrets(v, out);
    }
  }
  return out;
}
