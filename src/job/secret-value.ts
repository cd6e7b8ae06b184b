// Credentials in job definitions. ASA keeps credentials out of project files (its tools write null or
// "********" and store the value elsewhere), so sluice accepts either the value itself (for local
// development) or a reference to a secret by name, resolved later by secrets/. Key material (PEM
// certificates and keys) is only ever referenced by name: ASA requires it to live in Key Vault as secrets
// (learn.microsoft.com "Stream data from Kafka into Azure Stream Analytics", Key vault integration).
import { z } from 'zod';
import { ciStrictObject, describeType } from './case-insensitive.ts';
import { jobWarning, type JobIssue } from './job-issue.ts';

/** A credential: inline (development only) or the name of a secret in the configured secret store. */
export type SecretValue = { kind: 'inline'; value: string } | { kind: 'secret'; name: string };

const PLACEHOLDER = /^\*+$/;

/** Key Vault secret names are 1–127 letters, digits and dashes; other stores get the same rule for portability. */
const SECRET_NAME = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,126}$/;

/** The name of a secret (never its content). Messages never echo the value: it may be key material. */
export function secretName(): z.ZodType<string> {
  return z
    .string({ error: (i) => (i.input === undefined ? 'is required' : `must be a secret name; found ${describeType(i.input)}`) })
    .trim()
    .min(1, { error: 'must not be empty' })
    .refine((s) => !s.includes('-----BEGIN'), {
      error: 'must be the name of a secret, not the certificate or key itself; store the PEM as a secret and give its name',
    })
    .refine((s) => SECRET_NAME.test(s), {
      error: 'must be a secret name: letters, digits, dashes, dots or slashes, at most 127 characters',
    });
}

/**
 * A credential field (Password, AccountKey …): a string is the value itself, `{ "SecretName": "…" }` a
 * reference. ASA's placeholders (null, "********") mean "not set here" and come out as undefined.
 */
export function secretValue(): z.ZodType<SecretValue | undefined> {
  return z.preprocess(
    (v) => (typeof v === 'string' && (PLACEHOLDER.test(v.trim()) || v.trim() === '') ? undefined : v),
    z.union([
      z.string().transform((value): SecretValue => ({ kind: 'inline', value })),
      ciStrictObject({ SecretName: secretName() }).transform((o): SecretValue => ({ kind: 'secret', name: o.SecretName })),
      z.undefined(),
    ], {
      error: (i) => `must be the value as a string or {"SecretName": "…"}; found ${describeType(i.input)}`,
    }),
  );
}

/** A warning for a credential written into a definition file, which is then likely to be committed. */
export function inlineSecretWarning(value: SecretValue | undefined, path: readonly (string | number)[]): JobIssue[] {
  return value?.kind === 'inline'
    ? [jobWarning(path, 'is written inline; project files end up in source control, so prefer {"SecretName": "…"} from a secret store')]
    : [];
}
