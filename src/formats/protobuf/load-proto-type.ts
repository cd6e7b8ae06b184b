// Loads the message type named in the input's settings from one .proto text. Like ASA: one
// self-contained file (imports other than Google's well-known types are not available), and the message
// type includes the package. ASA's portal wants the package's first letter upper-cased in some cases
// ("Parse Protobuf in Azure Stream Analytics", Limitations); sluice matches the name exactly first and
// then ignoring case, so both spellings work.
import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import { SluiceError } from '../../common/index.ts';
import type { ProtobufSpec } from '../serialization-spec.ts';

const WELL_KNOWN = 'google/protobuf/';

export function loadProtoType(spec: ProtobufSpec): protobuf.Type {
  let text = spec.protoText;
  if (text === undefined) {
    try {
      text = readFileSync(spec.protoFile ?? '', 'utf8');
    } catch (err) {
      throw new SluiceError('SLUICE_FORMAT_PROTOBUF_FILE', `cannot read the Protobuf definition file ${spec.protoFile ?? ''}`, { domain: 'user', cause: err });
    }
  }
  const root = new protobuf.Root();
  let imports: string[];
  try {
    imports = protobuf.parse(text, root, { keepCase: true }).imports ?? [];
  } catch (err) {
    const line = err instanceof Error ? /line (\d+)/.exec(err.message)?.[1] : undefined;
    throw new SluiceError('SLUICE_FORMAT_PROTOBUF_DEFINITION', `the Protobuf definition does not parse${line ? ` (line ${line})` : ''}: ${err instanceof Error ? err.message.slice(0, 160) : ''}`, {
      domain: 'user', cause: err,
    });
  }
  for (const name of imports) {
    const common = name.startsWith(WELL_KNOWN) ? protobuf.common.get(name) : null;
    if (!common) {
      throw new SluiceError('SLUICE_FORMAT_PROTOBUF_IMPORT', `the Protobuf definition imports ${name}, but ASA takes one self-contained .proto file`, {
        domain: 'user', hint: 'copy the imported messages into the one .proto file',
      });
    }
    root.addJSON(common.nested as Record<string, protobuf.AnyNestedObject>);
  }
  try {
    root.resolveAll();
  } catch (err) {
    throw new SluiceError('SLUICE_FORMAT_PROTOBUF_DEFINITION', `the Protobuf definition has an unresolved type: ${err instanceof Error ? err.message.slice(0, 160) : ''}`, { domain: 'user', cause: err });
  }
  const wanted = spec.messageType.replace(/^\./, '');
  const exact = root.lookup(wanted);
  if (exact instanceof protobuf.Type) return exact;
  const all = listTypes(root);
  const loose = all.find((t) => t.fullName.slice(1).toLowerCase() === wanted.toLowerCase());
  if (loose) return loose;
  throw new SluiceError('SLUICE_FORMAT_PROTOBUF_TYPE', `message type ${JSON.stringify(spec.messageType)} is not in the Protobuf definition`, {
    domain: 'user', hint: `use the fully qualified name, including the package; the file defines: ${all.map((t) => t.fullName.slice(1)).slice(0, 10).join(', ')}`,
  });
}

function listTypes(ns: protobuf.NamespaceBase): protobuf.Type[] {
  const out: protobuf.Type[] = [];
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) out.push(nested);
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) out.push(...listTypes(nested));
  }
  return out;
}
