// The test configuration of ASA's CI/CD npm package (test/testConfig.json): { Script, TestCases: [{ Name,
// Inputs: [InputMock-shaped], ExpectedOutputs: [{ OutputAlias, FilePath, IgnoreFields, Required }] }] }
// (learn.microsoft.com "Automate builds, tests, and deployments of a Stream Analytics job using CI/CD
// tools"). Per those docs: Script is context only; ScriptType may only be InputMock and any other value is
// ignored; an expected output with Required false is not validated and its FilePath need not exist.
import { z } from 'zod';
import { boolLike, ciObject, inputMockSchema, text, type InputKind, type MockFormat } from '../job/index.ts';

export interface TestInput {
  alias: string;
  kind: InputKind;
  format: MockFormat;
  /** Absolute path of the data file (relative paths are relative to testConfig.json). */
  filePath: string;
}

export interface ExpectedOutput {
  alias: string;
  /** Absolute path of the expected results (JSON). */
  filePath: string;
  /** Fields left out of the comparison (e.g. EventProcessedUtcTime). */
  ignoreFields: string[];
  /** false: the output is produced but not compared (reported as OutputUnrequired). */
  required: boolean;
}

export interface TestCase {
  name: string;
  inputs: TestInput[];
  expectedOutputs: ExpectedOutput[];
}

export interface TestConfig {
  /** Absolute path of testConfig.json. */
  file: string;
  /** The Script value as written (context only; ASA's test runner does not use it). */
  script?: string;
  testCases: TestCase[];
}

export function testConfigSchema() {
  return ciObject({
    Script: z.string().optional(),
    TestCases: z.array(ciObject({
      Name: text('a test case name'),
      Inputs: z.array(inputMockSchema()).optional(),
      ExpectedOutputs: z.array(ciObject({
        OutputAlias: text('an output alias'),
        FilePath: text('a file path'),
        IgnoreFields: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(text('a field name'))).optional(),
        Required: boolLike().optional(),
      })).optional(),
    })),
  });
}
