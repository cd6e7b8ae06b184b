// Non-fatal findings about loaded material (a certificate about to expire). Returned as data, and
// passed to an optional hook so the caller can log or count it — this module has no logger.
import type { SecretRef } from './secret-store.ts';

export interface SecretWarning {
  readonly code: 'SLUICE_SECRET_CERT_EXPIRING' | 'SLUICE_SECRET_CA_CERT_EXPIRED';
  readonly message: string;
  readonly ref: SecretRef;
  /** The certificate's notAfter, for metrics (seconds to expiry) and alerting. */
  readonly expiresAt: Date;
}

export type SecretWarningHook = (warning: SecretWarning) => void;
