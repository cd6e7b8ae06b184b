// Case-insensitive keys and enum values for zod schemas. ASA's tooling reads project files with .NET's
// JSON and enum parsers, which ignore case, and files in the wild mix PascalCase (VS Code files) with
// camelCase (ARM templates). Every schema in job/ is built from these helpers so that one canonical
// spelling reaches the rest of sluice, while messages still quote what the user wrote.
import { z } from 'zod';
import { didYouMean } from './did-you-mean.ts';

/**
 * Alternative spellings of keys, lower-cased, to their canonical key. Global because the aliases are
 * distinctive and the path resolver (which maps a canonical path back to the user's keys) needs them too.
 * Includes the misspellings Visual Studio projects wrote (CompresssionType, InputPartionKey).
 */
export const KEY_ALIASES: Readonly<Record<string, string>> = {
  bootstrapserveraddresses: 'BootstrapServers',
  bootstrapserver: 'BootstrapServers',
  topicname: 'Topic',
  kafkatopic: 'Topic',
  consumergroupname: 'ConsumerGroupId',
  consumergroup: 'ConsumerGroupId',
  securityprotocolkeyvaultname: 'KeyVaultName',
  keyvault: 'KeyVaultName',
  truststorecertificate: 'TruststoreCertificateSecretName',
  truststorecertificatesecret: 'TruststoreCertificateSecretName',
  certificatesecretname: 'TruststoreCertificateSecretName',
  keystorecertificate: 'KeystoreCertificateSecretName',
  keystorekey: 'KeystoreKeySecretName',
  saslmechanisms: 'SaslMechanism',
  user: 'Username',
  compresssiontype: 'CompressionType',
  compression: 'CompressionType',
  inputpartionkey: 'PartitionKey',
  inputpartitionkey: 'PartitionKey',
  pathpattern: 'Path',
  fullsnapshotquery: 'Query',
  deltasnapshotquery: 'DeltaQuery',
  refreshrate: 'RefreshInterval',
  protobufdefinitionfile: 'ProtoFile',
  definitionfile: 'ProtoFile',
  host: 'Server',
};

type Shape = Record<string, z.ZodType>;

/** Marker the strict-object error hook uses to hand the allowed keys to issue conversion (job-issue.ts). */
export const ALLOWED_KEYS_MARK = '\u0000allowed:';

function objectError(keys: readonly string[]) {
  return (issue: z.core.$ZodRawIssue): string => {
    if (issue.code === 'unrecognized_keys') return ALLOWED_KEYS_MARK + keys.join(',');
    if (issue.input === undefined) return 'is required';
    return `must be an object; found ${describeType(issue.input)}`;
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Renames the keys of a JSON object to the canonical keys of `canonical` (matched ignoring case, or via
 * KEY_ALIASES), and drops null values: ASA's tools write `null` for every unset property, and a null must
 * mean "absent", not "present and wrong". The first spelling of a key wins; duplicates differing only in
 * case are reported by the JSON reader, which still sees them.
 */
export function canonicalizeKeys(value: unknown, canonical: readonly string[]): unknown {
  if (!isPlainObject(value)) return value;
  const byLower = new Map(canonical.map((k) => [k.toLowerCase(), k] as const));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null) continue;
    const lower = key.toLowerCase();
    const alias = KEY_ALIASES[lower];
    const target = byLower.get(lower) ?? (alias !== undefined && byLower.has(alias.toLowerCase()) ? alias : key);
    if (!(target in out)) out[target] = v;
  }
  return out;
}

/** An object schema whose keys match case-insensitively. Unknown keys are ignored (ASA files carry many). */
export function ciObject<T extends Shape>(shape: T) {
  const keys = Object.keys(shape);
  return z.preprocess((v) => canonicalizeKeys(v, keys), z.object(shape, { error: objectError(keys) }));
}

/**
 * Like ciObject, but unknown keys are errors. Used for the property bags sluice implements (Kafka,
 * PostgreSQL, files), where a misspelt key would otherwise silently fall back to a default.
 */
export function ciStrictObject<T extends Shape>(shape: T) {
  const keys = Object.keys(shape);
  return z.preprocess((v) => canonicalizeKeys(v, keys), z.strictObject(shape, { error: objectError(keys) }));
}

/**
 * A string enum matched ignoring case, with aliases (lower-cased alias → canonical value). A wrong value
 * is reported with the allowed values and a suggestion drawn from values and aliases alike.
 */
export function ciEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  aliases: Readonly<Record<string, T[number]>> = {},
  /** Values accepted only to be rejected with a better message later; left out of "allowed:". */
  hidden: readonly T[number][] = [],
) {
  const byLower = new Map<string, T[number]>(values.map((v) => [v.toLowerCase(), v] as const));
  for (const [alias, target] of Object.entries(aliases)) byLower.set(alias.toLowerCase(), target);
  const suggestions = [...values, ...Object.keys(aliases).filter((a) => /[A-Z]/.test(a) || a.length > 2)];
  return z.preprocess(
    (v) => (typeof v === 'string' ? (byLower.get(v.trim().toLowerCase()) ?? v) : v),
    z.enum(values, {
      error: (issue) => {
        const input: unknown = issue.input;
        if (input === undefined) return 'is required';
        const shown = values.filter((v) => !hidden.includes(v)).join(', ');
        const allowed = `allowed: ${shown}`;
        if (typeof input !== 'string') return `must be one of ${shown}; found ${describeType(input)}`;
        const guess = didYouMean(input, suggestions);
        return `is ${JSON.stringify(input)}; ${allowed}${guess ? ` (did you mean ${guess}?)` : ''}`;
      },
    }),
  );
}

/** A short, value-free description of a JSON value's type, for messages that must not echo secrets. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    case 'object': return 'an object';
    default: return typeof value;
  }
}

/** A non-negative or signed integer that may be written as a JSON string ("5"), as ASA's files sometimes do. */
export function intLike(): z.ZodType<number> {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: (i) => (i.input === undefined ? 'is required' : `must be an integer; found ${describeType(i.input)}`) })
      .int({ error: 'must be a whole number' }),
  );
}

/** A number that may be written as a string ("3", "0.5"). */
export function numberLike(): z.ZodType<number> {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v),
    z.number({ error: (i) => (i.input === undefined ? 'is required' : `must be a number; found ${describeType(i.input)}`) }),
  );
}

/** A boolean that may be written as "true"/"false" (community test configs do). */
export function boolLike(): z.ZodType<boolean> {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*(true|false)\s*$/i.test(v) ? v.trim().toLowerCase() === 'true' : v),
    z.boolean({ error: (i) => (i.input === undefined ? 'is required' : `must be true or false; found ${describeType(i.input)}`) }),
  );
}

/** A string that must not be empty (after trimming). Values are never echoed in messages. */
export function text(what = 'a string'): z.ZodType<string> {
  return z
    .string({ error: (i) => (i.input === undefined ? 'is required' : `must be ${what}; found ${describeType(i.input)}`) })
    .trim()
    .min(1, { error: 'must not be empty' });
}

/**
 * ARM templates nest a resource's settings under `properties` ({ type, properties: { encoding … } });
 * VS Code files keep them flat. Flattening lets one schema read both; keys outside `properties` win.
 * resolveKeyPath steps into the wrapper the same way, so positions still point at the user's key.
 */
export function flattenArmProperties(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const key = Object.keys(value).find((k) => k.toLowerCase() === 'properties');
  if (key === undefined) return value;
  const inner = value[key];
  if (!isPlainObject(inner)) return value;
  const rest = Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));
  const merged: Record<string, unknown> = { ...inner };
  for (const [k, v] of Object.entries(rest)) {
    const clash = Object.keys(merged).find((m) => m.toLowerCase() === k.toLowerCase());
    if (clash !== undefined && v === null) continue;
    if (clash !== undefined) delete merged[clash];
    merged[k] = v;
  }
  return merged;
}

/** The value under `key` (matched ignoring case) of a JSON object, or undefined. */
export function pickCi(value: unknown, key: string): unknown {
  if (!isPlainObject(value)) return undefined;
  const lower = key.toLowerCase();
  const found = Object.keys(value).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : value[found];
}

export { isPlainObject };

/**
 * Refinement option: run cross-field rules even when some fields already failed, so that one pass reports
 * every problem (zod skips refinements after a failure by default). Rules must tolerate wrong field types.
 */
export const EVEN_WITH_ISSUES = { when: (payload: { value: unknown }): boolean => isPlainObject(payload.value) };
