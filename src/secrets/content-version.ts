// Version tags for stores that have no version of their own (files, environment variables): a hash of
// the content keyed with a random per-process key. It changes exactly when the content does, yet a
// leaked tag cannot be used to test password guesses, because the key never leaves this process.
import { createHmac, randomBytes } from 'node:crypto';

const PROCESS_KEY = randomBytes(32);

export function contentVersion(bytes: Uint8Array): string {
  return `h:${createHmac('sha256', PROCESS_KEY).update(bytes).digest('hex').slice(0, 20)}`;
}
