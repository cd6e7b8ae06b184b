// Turns what the user pointed at (a folder, asaproj.json, or <name>.asaproj) into the manifest to read.
// ASA's CI/CD tool takes "the asaproj.json file for your Visual Studio Code project or [Your project
// name].asaproj for Visual Studio project" (learn.microsoft.com "Automate builds, tests, and deployments of
// a Stream Analytics job using CI/CD tools"); the latter is MSBuild XML, which sluice does not read.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ProjectError, fileIssue } from './project-issue.ts';
import { isDirectory, isFile } from './project-paths.ts';

const VISUAL_STUDIO = 'is a Visual Studio (MSBuild) project, which sluice does not read; open the job in VS Code with the '
  + 'Azure Stream Analytics Tools (learn.microsoft.com "How to Migrate ASA projects to Visual Studio Code") to get an asaproj.json';

function fail(file: string, message: string, code: `SLUICE_${string}`): never {
  throw new ProjectError(`project ${file}`, [fileIssue(file, message, code)]);
}

async function checkAsaprojFile(file: string): Promise<string> {
  // A .asaproj holding JSON is treated as a renamed asaproj.json; XML is Visual Studio's format.
  const head = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) fail(file, VISUAL_STUDIO, 'SLUICE_PROJECT_VISUAL_STUDIO');
  return file;
}

/** The absolute path of the manifest for a folder or file argument. */
export async function findProjectFile(target: string): Promise<string> {
  const abs = path.resolve(target);
  if (await isFile(abs)) {
    return abs.toLowerCase().endsWith('.asaproj') ? checkAsaprojFile(abs) : abs;
  }
  if (!(await isDirectory(abs))) fail(abs, 'does not exist; give an ASA project folder or its asaproj.json', 'SLUICE_PROJECT_NOT_FOUND');
  const entries = await readdir(abs);
  const manifest = entries.find((e) => e.toLowerCase() === 'asaproj.json');
  if (manifest !== undefined) return path.join(abs, manifest);
  const legacy = entries.filter((e) => e.toLowerCase().endsWith('.asaproj'));
  if (legacy.length === 1) return checkAsaprojFile(path.join(abs, legacy[0] as string));
  return fail(abs, legacy.length > 1
    ? `has no asaproj.json and several .asaproj files (${legacy.join(', ')}); name the one to load`
    : 'has no asaproj.json; give the folder of an ASA project made by the VS Code ASA tools', 'SLUICE_PROJECT_NOT_FOUND');
}
