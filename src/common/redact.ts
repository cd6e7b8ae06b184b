// Removes secret values from text before it reaches a log line, an error message or a metric label.
// Callers pass the secrets they hold; matching is literal, so a secret with regex characters is safe.

export const REDACTED = '***';

export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    // Very short values would blank out ordinary words; no real credential is that short.
    if (s && s.length >= 4) out = out.split(s).join(REDACTED);
  }
  return out;
}
