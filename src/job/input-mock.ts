// Local inputs ("InputMock"): a data file standing in for an input in local runs and tests, whatever the live
// source is. VS Code writes them as Inputs/Local_<alias>.json: { InputAlias, Type, Format, FilePath,
// ScriptType: "InputMock" } (learn.microsoft.com "Test Stream Analytics queries locally with sample data
// using Visual Studio Code"); test cases in testConfig.json use the same shape.
import { ciEnum, ciObject, text } from './case-insensitive.ts';
import { inputKindSchema, type InputKind } from './input-kind.ts';

export type MockFormat = 'Json' | 'Csv' | 'Avro' | 'Parquet';

export interface InputMockSpec {
  alias: string;
  kind: InputKind;
  format: MockFormat;
  /** The data file as written in the definition; project readers resolve it (see filePathResolved). */
  filePath: string;
  /** Absolute path, filled in by the project reader (relative paths are relative to the mock file). */
  filePathResolved?: string;
}

export const INPUT_MOCK_KEYS = ['InputAlias', 'Type', 'Format', 'FilePath', 'ScriptType'] as const;

export function inputMockSchema() {
  return ciObject({
    InputAlias: text('an input alias'),
    Type: inputKindSchema().optional(),
    Format: ciEnum(['Json', 'Csv', 'Avro', 'Parquet', 'CustomClr'], {}, ['CustomClr']).optional(),
    FilePath: text('a file path'),
  }).superRefine((m, ctx) => {
    if (m.Format === 'CustomClr') {
      ctx.addIssue({ code: 'custom', path: ['Format'], message: 'is CustomClr: custom .NET deserializers were retired by ASA (30 September 2024) and sluice cannot run them' });
    }
  }).transform((m): InputMockSpec => ({
    alias: m.InputAlias,
    kind: m.Type ?? 'stream',
    // ASA's tools auto-detect JSON and CSV; a mock without Format has always meant JSON in practice.
    format: m.Format === 'CustomClr' || m.Format === undefined ? 'Json' : m.Format,
    filePath: m.FilePath,
  }));
}
