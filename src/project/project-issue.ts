// Problems with a project, each tied to a file and (where known) a line, column and key path, and the one
// error that carries all of them: a project is checked completely before anything is reported, so a user
// fixes every mistake in one round.
import { redact, SluiceError, type ErrorCode } from '../common/index.ts';
import { formatKeyPath, resolveKeyPath, type JobIssue } from '../job/index.ts';
import type { JsonDocument } from './json-document.ts';

export interface ProjectIssue {
  severity: 'error' | 'warning';
  code: ErrorCode;
  /** File the problem is in, relative to the project folder with forward slashes. */
  file: string;
  line?: number;
  column?: number;
  /** Key path as spelt in the file (e.g. KafkaProperties.SecurityProtocol); empty for the file as a whole. */
  keyPath: string;
  message: string;
}

export function formatProjectIssue(issue: ProjectIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  const prefix = issue.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${prefix}${issue.keyPath === '' ? '' : `${issue.keyPath} `}${issue.message}`;
}

/** A file-level problem (missing file, unreadable, wrong subType …). */
export function fileIssue(file: string, message: string, code: ErrorCode, severity: 'error' | 'warning' = 'error'): ProjectIssue {
  return { severity, code, file, keyPath: '', message };
}

/** Places job issues in a file: the canonical key path is mapped to the user's spelling and position. */
export function placeJobIssues(issues: readonly JobIssue[], file: string, doc: JsonDocument | undefined): ProjectIssue[] {
  return issues.map((issue) => {
    const resolved = doc === undefined ? { path: [...issue.path], found: false } : resolveKeyPath(doc.value, issue.path);
    const out: ProjectIssue = {
      severity: issue.severity, code: issue.code, file, keyPath: formatKeyPath(resolved.path), message: issue.message,
    };
    const loc = doc?.locate(resolved.path);
    // Point at the key when the problem is the key itself (unknown, missing child); else at the value.
    const at = loc === undefined ? undefined : (resolved.found && issue.code !== 'SLUICE_JOB_UNKNOWN_KEY' ? loc.value : (loc.key ?? loc.value));
    if (at !== undefined) {
      out.line = at.line;
      out.column = at.column;
    }
    return out;
  });
}

/** Issues of the JSON reader itself: syntax errors and keys repeated ignoring case. */
export function jsonIssues(doc: JsonDocument, file: string): ProjectIssue[] {
  const problems = [...(doc.syntaxError ? [doc.syntaxError] : []), ...doc.duplicateKeys];
  return problems.map((p) => ({
    severity: 'error', code: p === doc.syntaxError ? 'SLUICE_PROJECT_JSON_SYNTAX' : 'SLUICE_PROJECT_DUPLICATE_KEY',
    file, line: p.position.line, column: p.position.column, keyPath: formatKeyPath(p.path), message: p.message,
  }));
}

/** Groups issues by file (in order of first appearance) and orders each file's issues by position. */
export function sortIssues(issues: readonly ProjectIssue[]): ProjectIssue[] {
  const order = new Map<string, number>();
  for (const i of issues) if (!order.has(i.file)) order.set(i.file, order.size);
  return [...issues].sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0)
    || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** The error a project (or test configuration) with problems fails with; `issues` lists all of them. */
export class ProjectError extends SluiceError {
  readonly issues: readonly ProjectIssue[];

  constructor(what: string, issues: readonly ProjectIssue[], secrets: readonly string[] = []) {
    const errors = sortIssues(issues.filter((i) => i.severity === 'error'));
    const shown = [...errors, ...sortIssues(issues.filter((i) => i.severity === 'warning'))];
    const count = errors.length === 1 ? 'a problem' : `${errors.length} problems`;
    // Messages never quote secret values by construction; redacting inline credentials is a second line.
    const body = redact(shown.map((i) => `  ${formatProjectIssue(i)}`).join('\n'), secrets);
    super('SLUICE_PROJECT_INVALID', `${what} has ${count}:\n${body}`, {
      domain: 'user',
      hint: 'fix the problems listed (all of them were found in one pass) and load the project again',
      details: { errors: errors.length, warnings: issues.length - errors.length },
    });
    this.issues = sortIssues(issues).map((i) => ({ ...i, message: redact(i.message, secrets) }));
  }
}
