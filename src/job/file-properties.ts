// Local files as a reference-data input and as an output (sluice extensions). The input mirrors ARM's
// `File` reference datasource of Edge jobs ({ path }); the output mirrors ASA's Blob output (path pattern
// with {date} and {time}, date and time formats, and the batching keys MinimumRows/MaximumTime of output
// files — learn.microsoft.com "Blob storage and Azure Data Lake Gen2 output from Azure Stream Analytics").
import { ciEnum, ciObject, text } from './case-insensitive.ts';

export interface FileReferenceProperties {
  /** Path as written; project readers resolve it against the definition file's folder. */
  path: string;
}

export type FileDateFormat = 'yyyy/MM/dd' | 'yyyy-MM-dd' | 'MM/dd/yyyy' | 'dd/MM/yyyy' | 'MM-dd-yyyy' | 'dd-MM-yyyy';
export type FileTimeFormat = 'HH' | 'HH/mm' | 'HH-mm';

export interface FileOutputProperties {
  /** Path pattern; {date} and {time} are replaced by the batch's date and time in the formats below. */
  path: string;
  dateFormat: FileDateFormat;
  timeFormat: FileTimeFormat;
}

const referenceShape = { Path: text('a file path') };

const outputShape = {
  Path: text('a file path pattern'),
  DateFormat: ciEnum(['yyyy/MM/dd', 'yyyy-MM-dd', 'MM/dd/yyyy', 'dd/MM/yyyy', 'MM-dd-yyyy', 'dd-MM-yyyy']).optional(),
  TimeFormat: ciEnum(['HH', 'HH/mm', 'HH-mm']).optional(),
};

export const FILE_REFERENCE_KEYS: readonly string[] = Object.keys(referenceShape);
export const FILE_OUTPUT_KEYS: readonly string[] = Object.keys(outputShape);

export function fileReferenceSchema() {
  return ciObject(referenceShape).transform((c): FileReferenceProperties => ({ path: c.Path }));
}

export function fileOutputSchema() {
  return ciObject(outputShape).transform((c): FileOutputProperties => ({
    path: c.Path,
    dateFormat: c.DateFormat ?? 'yyyy/MM/dd',
    timeFormat: c.TimeFormat ?? 'HH',
  }));
}
