// Stream vs reference inputs: VS Code files say "Data Stream" / "Reference data", ARM says Stream / Reference.
import { ciEnum } from './case-insensitive.ts';

export type InputKind = 'stream' | 'reference';

export function inputKindSchema() {
  return ciEnum(['Data Stream', 'Reference data'], {
    stream: 'Data Stream', datastream: 'Data Stream', 'data streams': 'Data Stream',
    reference: 'Reference data', referencedata: 'Reference data',
  }).transform((t): InputKind => (t === 'Data Stream' ? 'stream' : 'reference'));
}
