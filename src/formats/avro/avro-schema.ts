// The shape of an Avro schema as JSON (the spec's "Schema Declaration"), and name resolution helpers.

export type AvroSchema = string | AvroSchema[] | AvroComplex;

export interface AvroField {
  name: string;
  type: AvroSchema;
  default?: unknown;
}

export interface AvroComplex {
  type: string | AvroSchema[] | AvroComplex;
  name?: string;
  namespace?: string;
  fields?: AvroField[];
  items?: AvroSchema;
  values?: AvroSchema;
  symbols?: string[];
  size?: number;
  logicalType?: string;
  precision?: number;
  scale?: number;
}

export const AVRO_PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** Full name of a named type: a dotted name is already full; otherwise prefix the namespace. */
export function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

/** Namespace for the children of a named type. */
export function childNamespace(full: string): string | undefined {
  const i = full.lastIndexOf('.');
  return i < 0 ? undefined : full.slice(0, i);
}
