// The contract every secret provider implements. Job definitions name a secret the ASA way — a
// KeyVaultName plus a secret name — and never hold key material; a SecretStore turns that name into
// the value at run time, so the same job reads a local folder in development and Key Vault on Azure.

/** Where a secret lives: the ASA `KeyVaultName` and the secret's name inside it. Never the value. */
export interface SecretRef {
  readonly vault: string;
  readonly name: string;
}

/** One read of a secret. `value` is the only field that is secret; everything else may be logged. */
export interface SecretValue {
  readonly vault: string;
  readonly name: string;
  /** The secret as text (Key Vault secrets are strings; PEM is text). */
  readonly value: string;
  /**
   * The raw bytes as stored. Same as UTF-8 `value` except for files that are not text (a DER or
   * Java Key Store dropped into a secrets folder), which the PEM checks inspect to say what they are.
   */
  readonly bytes: Uint8Array;
  /**
   * Changes whenever the content changes: Key Vault's version id, or for local stores a keyed hash of
   * the content (keyed per process, so it cannot be used to guess a password offline).
   */
  readonly version: string;
  /** When this value was read. */
  readonly readAt: Date;
  /** Non-secret description of where it came from, for logs ("directory ./secrets/kv1/ca-pem"). */
  readonly source: string;
  /** Key Vault's own expiry attribute of the secret, when the store knows one. */
  readonly expiresOn?: Date;
  /** Key Vault's content type (e.g. application/x-pem-file), when set. */
  readonly contentType?: string;
}

export interface SecretStore {
  /** Reads the current value; throws a SluiceError (SLUICE_SECRET_…) naming vault and secret. */
  get(vault: string, name: string): Promise<SecretValue>;
  /** One line for logs saying which store this is and where it reads from. Never a value. */
  describe(): string;
}

export function formatSecretRef(ref: SecretRef): string {
  return `secret '${ref.name}' in vault '${ref.vault}'`;
}
