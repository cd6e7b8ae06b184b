// A process-wide registry of every secret value sluice has loaded, so that any text about to become a
// log line, an error message or a metric label can be scrubbed without the caller knowing which
// secrets exist. Stores register what they read; connectors call redactSecrets on anything they print.
import { redact } from '../common/index.ts';

// PEM bodies are registered line by line as well, because a library error may quote one line of a key
// rather than the whole block. Shorter fragments would start blanking out ordinary text.
const MIN_FRAGMENT_LENGTH = 16;

export class SecretRedactor {
  readonly #values = new Set<string>();

  register(value: string): void {
    if (value.length === 0) return;
    this.#values.add(value);
    const trimmed = value.trim();
    if (trimmed !== value) this.#values.add(trimmed);
    if (value.includes('-----BEGIN ')) {
      for (const line of value.split(/\r?\n/)) {
        const l = line.trim();
        if (l.length >= MIN_FRAGMENT_LENGTH && !l.startsWith('-----')) this.#values.add(l);
      }
    }
  }

  /** Replaces every registered value in text with ***; longest first so a fragment never leaves a tail. */
  redact(text: string): string {
    const sorted = [...this.#values].sort((a, b) => b.length - a.length);
    return redact(text, sorted);
  }

  get size(): number {
    return this.#values.size;
  }

  clear(): void {
    this.#values.clear();
  }
}

/** The registry every store in this process feeds. */
export const secretRedactor = new SecretRedactor();

export function registerSecretValue(value: string): void {
  secretRedactor.register(value);
}

export function redactSecrets(text: string): string {
  return secretRedactor.redact(text);
}
