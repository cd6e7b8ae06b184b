// The secrets administration behind `sluice secrets set|check`. It lives in app/ because cli/ may
// import only app/, project/ and common/; the work itself is done in secrets/.
export { checkCertificateSecret, resolveSecretsDir, setSecret } from '../secrets/index.ts';
export type {
  CertificateCheckReport, CertificateInfo, CheckCertificateSecretOptions, SetSecretOptions, SetSecretResult,
} from '../secrets/index.ts';
