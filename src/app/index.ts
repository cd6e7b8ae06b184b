// app: wires jobs together for the CLI — secrets administration today; run, test and check as they land.
export { checkCertificateSecret, resolveSecretsDir, setSecret } from './secrets-admin.ts';
export type {
  CertificateCheckReport, CertificateInfo, CheckCertificateSecretOptions, SetSecretOptions, SetSecretResult,
} from './secrets-admin.ts';
