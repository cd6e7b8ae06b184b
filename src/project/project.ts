// What loadProject returns: the job as validated data plus the facts about the folder it came from.
import type { JobSpec } from '../job/index.ts';
import type { ProjectIssue } from './project-issue.ts';

export interface ProjectFiles {
  jobConfig?: string;
  /** Input alias → its definition file (absolute). */
  inputs: Record<string, string>;
  /** Input alias → its InputMock file (absolute). */
  mocks: Record<string, string>;
  outputs: Record<string, string>;
  /** Function name → its .js file (absolute). */
  functions: Record<string, string>;
}

export interface Project {
  /** Job name from asaproj.json. */
  name: string;
  /** Absolute path of the project folder. */
  rootDir: string;
  /** Absolute path of asaproj.json. */
  projectFile: string;
  /** Absolute path of the query (startFile). */
  queryFile: string;
  queryText: string;
  /** test/testConfig.json when it exists (the CI/CD tool's default location). */
  testConfigFile?: string;
  job: JobSpec;
  files: ProjectFiles;
  /** Problems that do not stop the project from loading (ignored keys, missing sample files …). */
  warnings: ProjectIssue[];
}
