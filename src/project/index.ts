// project: readers for ASA project folders (asaproj.json, JobConfig, Inputs/, Outputs/, Functions/, testConfig.json).
export { asaprojSchema, manifestEntrySchema, UNSUPPORTED_SUBTYPES } from './asaproj-manifest.ts';
export type { AsaprojManifest, ConfigurationSubType, ManifestEntry } from './asaproj-manifest.ts';
export { findProjectFile } from './find-project-file.ts';
export { parseJsonDocument } from './json-document.ts';
export type { JsonDocument, JsonLocation, JsonProblem } from './json-document.ts';
export { loadProject } from './load-project.ts';
export { loadTestConfig } from './load-test-config.ts';
export type { LoadedTestConfig } from './load-test-config.ts';
export type { Project, ProjectFiles } from './project.ts';
export { formatProjectIssue, ProjectError } from './project-issue.ts';
export type { ProjectIssue } from './project-issue.ts';
export type { ExpectedOutput, TestCase, TestConfig, TestInput } from './test-config.ts';
