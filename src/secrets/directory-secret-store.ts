// The default store for self-hosting: `<root>/<vault>/<name>`, one file per secret — the layout of a
// Kubernetes Secret or Docker secret mounted per vault, and what `sluice secrets set` writes. Files are
// read on every get (no cache) so a rotated mount is seen by the next read.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentVersion } from './content-version.ts';
import { fileReadError } from './fs-errors.ts';
import { registerSecretValue } from './secret-redactor.ts';
import { assertLocalName } from './secret-name.ts';
import type { SecretStore, SecretValue } from './secret-store.ts';

export class DirectorySecretStore implements SecretStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file a secret lives in; validates both names so nothing can point outside the root. */
  pathOf(vault: string, name: string): string {
    assertLocalName('vault', vault);
    assertLocalName('secret', name);
    return path.join(this.root, vault, name);
  }

  async get(vault: string, name: string): Promise<SecretValue> {
    const file = this.pathOf(vault, name);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      const vaultDirExists = await stat(path.dirname(file)).then((s) => s.isDirectory(), () => false);
      throw fileReadError(err, { vault, name }, file, vaultDirExists);
    }
    const value = stripOneTrailingNewline(bytes.toString('utf8'));
    registerSecretValue(value);
    return {
      vault, name, value, bytes: new Uint8Array(bytes), version: contentVersion(bytes),
      readAt: new Date(), source: `directory ${file}`,
    };
  }

  describe(): string {
    return `directory secret store at ${this.root} (<root>/<vault>/<secret>)`;
  }
}

// `echo secret > file` leaves a newline that would otherwise become part of a password; one trailing
// line break is never meaningful in a secret (PEM does not care either way).
function stripOneTrailingNewline(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n')) return text.slice(0, -1);
  return text;
}
