// asaproj.json, the manifest of a VS Code ASA project: { name, startFile, configurations: [{ filePath,
// subType }] }. Only the files it lists belong to the project, as for ASA's tools. Sub-types the VS Code
// tools write: JobConfig, Input, InputMock, Output, JSFunction (UDFs and UDAs) and CSharpFunction; ML
// functions appear in exported jobs. Visual Studio's MSBuild <name>.asaproj is a different (XML) format.
import { ciEnum, ciObject, text } from '../job/index.ts';
import { z } from 'zod';

export type ConfigurationSubType = 'JobConfig' | 'Input' | 'InputMock' | 'Output' | 'JSFunction';

/** Sub-types sluice knows but cannot run, and why. */
export const UNSUPPORTED_SUBTYPES: Readonly<Record<string, string>> = {
  CSharpFunction: 'C# functions need the .NET runtime, which sluice does not host; rewrite the function in JavaScript (a JSFunction)',
  MLFunction: 'Azure Machine Learning functions call an Azure ML endpoint, which sluice does not support',
  AzureMLFunction: 'Azure Machine Learning functions call an Azure ML endpoint, which sluice does not support',
  CustomDeserializer: 'custom .NET deserializers were retired by ASA on 30 September 2024 and sluice cannot run them',
};

export interface ManifestEntry {
  /** As written (may use "\"). */
  filePath: string;
  subType: ConfigurationSubType;
}

export interface AsaprojManifest {
  name: string;
  startFile: string;
  /** Raw entries, each parsed with manifestEntrySchema. */
  configurations: unknown[];
}

const subType = ciEnum(['JobConfig', 'Input', 'InputMock', 'Output', 'JSFunction', 'CSharpFunction', 'MLFunction', 'AzureMLFunction', 'CustomDeserializer'], {
  JavaScriptFunction: 'JSFunction', JSUDF: 'JSFunction', JSUDA: 'JSFunction', Configuration: 'JobConfig',
}, ['CSharpFunction', 'MLFunction', 'AzureMLFunction', 'CustomDeserializer']).superRefine((t, ctx) => {
  const why = UNSUPPORTED_SUBTYPES[t];
  if (why !== undefined) ctx.addIssue({ code: 'custom', message: `is ${t}: ${why}` });
});

/** One entry of configurations; parsed on its own so that a bad entry does not hide the others' problems. */
export function manifestEntrySchema() {
  return ciObject({ filePath: text('a file path'), subType }).transform((c): ManifestEntry => ({
    filePath: c.filePath,
    subType: c.subType as ConfigurationSubType,
  }));
}

/** The manifest; `configurations` entries are left raw for manifestEntrySchema. */
export function asaprojSchema(): z.ZodType<AsaprojManifest> {
  return ciObject({
    name: text('a job name'),
    startFile: text('the query file name'),
    configurations: z.array(z.unknown(), {
      error: (i) => (i.input === undefined ? 'is required' : 'must be a list of {"filePath", "subType"} entries'),
    }).optional(),
  }).transform((m) => ({ name: m.name, startFile: m.startFile, configurations: m.configurations ?? [] }));
}
