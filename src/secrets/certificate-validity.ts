// Validity-window checks for certificates: expired or not yet valid is an error naming the secret and
// the dates (ASA simply fails the job; sluice says why), and expiring soon is a warning so there is
// time to rotate.
import type { X509Certificate } from 'node:crypto';
import { SluiceError } from '../common/index.ts';
import { formatSecretRef, type SecretRef } from './secret-store.ts';
import type { SecretWarning } from './secret-warning.ts';

export const DEFAULT_EXPIRY_WARNING_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CertificateCheckOptions {
  /** The time to check against; default now. */
  now?: Date;
  /** Warn when a certificate expires within this many days; default 7. */
  expiryWarningDays?: number;
  /** Called with each warning (also returned as data). */
  onWarning?: (warning: SecretWarning) => void;
}

export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: Date;
  readonly validTo: Date;
  readonly serialNumber: string;
  readonly fingerprint256: string;
}

export function certificateInfo(cert: X509Certificate): CertificateInfo {
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    validFrom: cert.validFromDate,
    validTo: cert.validToDate,
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
  };
}

export type ValidityState = 'valid' | 'expired' | 'not-yet-valid';

export function validityState(cert: X509Certificate, now: Date): ValidityState {
  if (now.getTime() > cert.validToDate.getTime()) return 'expired';
  if (now.getTime() < cert.validFromDate.getTime()) return 'not-yet-valid';
  return 'valid';
}

export function validityError(cert: X509Certificate, ref: SecretRef, role: string, now: Date): SluiceError | undefined {
  const state = validityState(cert, now);
  if (state === 'valid') return undefined;
  const info = certificateInfo(cert);
  const window = `valid from ${info.validFrom.toISOString()} to ${info.validTo.toISOString()}`;
  const details = { vault: ref.vault, secret: ref.name, subject: info.subject, validFrom: info.validFrom.toISOString(), validTo: info.validTo.toISOString() };
  if (state === 'expired') {
    return new SluiceError('SLUICE_SECRET_CERT_EXPIRED', `the ${role} in ${formatSecretRef(ref)} (${info.subject}) expired on ${info.validTo.toISOString()} (${window})`, {
      domain: 'user', details,
      hint: `store a renewed certificate under the same name (sluice secrets set ${ref.vault} ${ref.name} --file new.pem, or az keyvault secret set --vault-name ${ref.vault} --name ${ref.name} --file new.pem); a running job picks up the new version`,
    });
  }
  return new SluiceError('SLUICE_SECRET_CERT_NOT_YET_VALID', `the ${role} in ${formatSecretRef(ref)} (${info.subject}) is not valid before ${info.validFrom.toISOString()} (${window})`, {
    domain: 'user', details, hint: "check the clock of this machine, or wait until the certificate's start date",
  });
}

export function expiryWarning(cert: X509Certificate, ref: SecretRef, role: string, options: CertificateCheckOptions): SecretWarning | undefined {
  const now = options.now ?? new Date();
  const days = options.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS;
  const left = cert.validToDate.getTime() - now.getTime();
  if (left < 0 || left > days * DAY_MS) return undefined;
  const info = certificateInfo(cert);
  return {
    code: 'SLUICE_SECRET_CERT_EXPIRING',
    message: `the ${role} in ${formatSecretRef(ref)} (${info.subject}) expires on ${info.validTo.toISOString()}, in ${(left / DAY_MS).toFixed(1)} days; rotate it`,
    ref: { vault: ref.vault, name: ref.name },
    expiresAt: info.validTo,
  };
}
