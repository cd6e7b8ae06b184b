// Splits PEM text into its labelled blocks. node:crypto parses one object at a time, and a certificate
// secret often holds a chain, a CA bundle many roots, and a combined secret a certificate and its key.

export interface PemBlock {
  readonly label: string;
  /** The block including its BEGIN/END lines. */
  readonly pem: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) out.push({ label: m[1] ?? '', pem: `${m[0]}\n` });
  return out;
}
