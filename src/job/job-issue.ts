// Problems found while validating a job definition. Messages are predicates ("is required", "is \"SSLL\";
// allowed: …") about a key path, so the project reader can prefix file, line:column and the path as the user
// spelt it. Messages never contain the value of a secret: only enum values and lists are ever echoed.
import type { ErrorCode } from '../common/index.ts';
import type { z } from 'zod';
import { ALLOWED_KEYS_MARK, KEY_ALIASES } from './case-insensitive.ts';
import { didYouMean } from './did-you-mean.ts';

export type KeyPath = readonly (string | number)[];

export interface JobIssue {
  severity: 'error' | 'warning';
  code: ErrorCode;
  /** Path of the offending key, in canonical spelling (resolve with resolveKeyPath for the user's). */
  path: KeyPath;
  message: string;
}

/** Result of parsing one definition: the value (when there were no errors) and every issue found. */
export type Parsed<T> = { ok: true; value: T; issues: JobIssue[] } | { ok: false; issues: JobIssue[] };


export function jobError(path: KeyPath, message: string, code: ErrorCode = 'SLUICE_JOB_INVALID'): JobIssue {
  return { severity: 'error', code, path, message };
}

export function jobWarning(path: KeyPath, message: string, code: ErrorCode = 'SLUICE_JOB_WARNING'): JobIssue {
  return { severity: 'warning', code, path, message };
}

export function hasErrors(issues: readonly JobIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** Converts zod issues (from a schema built with the case-insensitive helpers) into JobIssues under `prefix`. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: KeyPath = []): JobIssue[] {
  const out: JobIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      const allowed = issue.message.startsWith(ALLOWED_KEYS_MARK)
        ? issue.message.slice(ALLOWED_KEYS_MARK.length).split(',').filter(Boolean)
        : [];
      for (const key of issue.keys) {
        const guess = didYouMean(key, allowed);
        const list = allowed.length > 0 ? `; allowed: ${allowed.join(', ')}` : '';
        out.push(jobError([...path, key], `is not a known key${list}${guess ? ` (did you mean ${guess}?)` : ''}`,
          'SLUICE_JOB_UNKNOWN_KEY'));
      }
      continue;
    }
    if (issue.code === 'invalid_union') {
      // Report the branch whose type matched the input (it got past the first check), if exactly one did.
      const matched = issue.errors.filter((b) => b.length > 0 && !b.every((i) => i.code === 'invalid_type' && i.path.length === 0));
      const only = matched.length === 1 ? matched[0] : undefined;
      if (only) {
        out.push(...fromZodIssues(only, path));
        continue;
      }
    }
    out.push(jobError(path, plainMessage(issue), issue.code === 'invalid_value' ? 'SLUICE_JOB_INVALID_VALUE' : 'SLUICE_JOB_INVALID'));
  }
  return out;
}

function plainMessage(issue: z.core.$ZodIssue): string {
  const m = /^Invalid input: expected (\w+), received (\w+)/.exec(issue.message);
  if (m) {
    if (m[2] === 'undefined') return 'is required';
    return `must be ${article(m[1] ?? 'value')}; found ${article(m[2] ?? 'value')}`;
  }
  if (issue.code === 'too_small' && issue.message.startsWith('Too small')) {
    return issue.origin === 'array' ? `must have at least ${String(issue.minimum)} item(s)` : `must be at least ${String(issue.minimum)}`;
  }
  if (issue.code === 'too_big' && issue.message.startsWith('Too big')) return `must be at most ${String(issue.maximum)}`;
  return issue.message;
}

function article(type: string): string {
  if (type === 'array' || type === 'object' || type === 'integer') return `an ${type}`;
  return `a ${type}`;
}

/** Formats a key path for people: KafkaProperties.SecurityProtocol, TestCases[0].Inputs[1].FilePath. */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

export interface ResolvedPath {
  /** The path with the user's spelling of each key, as far as it exists in the document. */
  path: (string | number)[];
  /** Whether the whole path exists. */
  found: boolean;
}

function findKey(obj: Record<string, unknown>, canonical: string): string | undefined {
  const lower = canonical.toLowerCase();
  const keys = Object.keys(obj);
  return keys.find((k) => k.toLowerCase() === lower)
    ?? keys.find((k) => KEY_ALIASES[k.toLowerCase()]?.toLowerCase() === lower);
}

/**
 * Maps a canonical key path back onto a parsed JSON document: keys match ignoring case or by alias, and an
 * ARM-style `properties` wrapper (which the readers flatten) is stepped into transparently.
 */
export function resolveKeyPath(doc: unknown, path: KeyPath): ResolvedPath {
  const out: (string | number)[] = [];
  let node: unknown = doc;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string | number;
    if (typeof seg === 'number') {
      if (!Array.isArray(node) || seg >= node.length) return { path: [...out, ...path.slice(i)], found: false };
      out.push(seg);
      node = node[seg];
      continue;
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      return { path: [...out, ...path.slice(i)], found: false };
    }
    const obj = node as Record<string, unknown>;
    let key = findKey(obj, seg);
    if (key === undefined) {
      const wrapper = findKey(obj, 'properties');
      const inner = wrapper === undefined ? undefined : obj[wrapper];
      if (wrapper !== undefined && typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
        key = findKey(inner as Record<string, unknown>, seg);
        if (key !== undefined) {
          out.push(wrapper);
          node = inner;
        }
      }
    }
    if (key === undefined) return { path: [...out, ...path.slice(i)], found: false };
    out.push(key);
    node = (node as Record<string, unknown>)[key];
  }
  return { path: out, found: true };
}

/**
 * Keys of `raw` that the schema does not know. A key close to a known one is an error with a suggestion
 * (a typo would otherwise fall back to a default silently); any other key is a warning and ignored, because
 * ASA's tools write keys sluice has no use for and the portal's Kafka shape is not published.
 */
export function unknownKeyIssues(raw: unknown, known: readonly string[], prefix: KeyPath): JobIssue[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const lowerKnown = new Set(known.map((k) => k.toLowerCase()));
  const out: JobIssue[] = [];
  for (const key of Object.keys(raw)) {
    const lower = key.toLowerCase();
    const alias = KEY_ALIASES[lower];
    if (lowerKnown.has(lower) || (alias !== undefined && lowerKnown.has(alias.toLowerCase()))) continue;
    const guess = didYouMean(key, known);
    if (guess) {
      out.push(jobError([...prefix, key], `is not a known key (did you mean ${guess}?)`, 'SLUICE_JOB_UNKNOWN_KEY'));
    } else {
      out.push(jobWarning([...prefix, key], `is not a known key and is ignored; known keys: ${known.join(', ')}`, 'SLUICE_JOB_UNKNOWN_KEY'));
    }
  }
  return out;
}
