// Paths inside a project. ASA projects come from Windows as often as not: paths may use "\" and their case
// may not match the files (Windows and ASA's tools ignore case), so lookups fall back to a case-insensitive
// match, one path segment at a time.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** "Inputs\\a.json" → "Inputs/a.json". */
export function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

/** A Windows drive path ("C:\\jobs\\a.json") seen on another platform, where it cannot be resolved. */
export function isForeignAbsolute(p: string): boolean {
  return process.platform !== 'win32' && /^[A-Za-z]:[\\/]/.test(p);
}

/** Resolves a path written in a file against that file's folder (absolute paths stay as they are). */
export function resolveFrom(baseDir: string, written: string): string {
  return path.resolve(baseDir, toPosix(written));
}

/** How a file is named in messages: relative to the project folder, with "/", or absolute when outside. */
export function displayPath(rootDir: string, file: string): string {
  const rel = path.relative(rootDir, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? toPosix(file) : toPosix(rel);
}

export async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

export async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The existing file at `p`, matching each segment ignoring case when the exact path does not exist;
 * undefined when there is none (or more than one candidate differing only in case).
 */
export async function findFile(p: string): Promise<string | undefined> {
  if (await isFile(p)) return p;
  const { root } = path.parse(p);
  const segments = path.relative(root, p).split(path.sep).filter(Boolean);
  let current = root;
  for (const seg of segments) {
    const exact = path.join(current, seg);
    if (seg === '.' || seg === '..') {
      current = exact;
      continue;
    }
    let entries: string[];
    try {
      entries = await readdir(current);
    } catch {
      return undefined;
    }
    if (entries.includes(seg)) {
      current = exact;
      continue;
    }
    const matches = entries.filter((e) => e.toLowerCase() === seg.toLowerCase());
    if (matches.length !== 1) return undefined;
    current = path.join(current, matches[0] as string);
  }
  return (await isFile(current)) ? current : undefined;
}
