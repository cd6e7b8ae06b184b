// Says what a blob of key material is when it is not the PEM that ASA and sluice require: a Java Key
// Store (JKS/JCEKS), a PKCS#12 bundle, plain DER, or any of these base64-encoded (which is how
// `az keyvault secret set --encoding base64` and Key Vault certificates store binary content). Each
// comes with the commands that convert it, because "not PEM" alone leaves the user stuck.

export type KeyMaterialFormat = 'pem' | 'jks' | 'jceks' | 'pkcs12' | 'der' | 'unknown';

export interface DetectedFormat {
  readonly format: KeyMaterialFormat;
  /** True when the secret held the binary format as base64 text. */
  readonly base64: boolean;
}

const JKS_MAGIC = [0xfe, 0xed, 0xfe, 0xed];
const JCEKS_MAGIC = [0xce, 0xce, 0xce, 0xce];

export function detectKeyMaterialFormat(bytes: Uint8Array): DetectedFormat {
  const direct = detectBinary(bytes);
  if (direct !== 'unknown') return { format: direct, base64: false };
  const text = Buffer.from(bytes).toString('latin1').trim();
  if (/^[A-Za-z0-9+/=\r\n]+$/.test(text) && text.length >= 16) {
    const decoded = Buffer.from(text.replace(/\s+/g, ''), 'base64');
    const inner = detectBinary(decoded);
    if (inner !== 'unknown' && inner !== 'pem') return { format: inner, base64: true };
  }
  return { format: 'unknown', base64: false };
}

function detectBinary(bytes: Uint8Array): KeyMaterialFormat {
  if (startsWith(bytes, JKS_MAGIC)) return 'jks';
  if (startsWith(bytes, JCEKS_MAGIC)) return 'jceks';
  if (Buffer.from(bytes.subarray(0, 4096)).toString('latin1').includes('-----BEGIN ')) return 'pem';
  const seq = readDerHeader(bytes, 0);
  // A DER SEQUENCE whose length covers the whole input exactly; a password that merely starts with
  // '0' (0x30) will not also carry a matching length.
  if (bytes[0] !== 0x30 || !seq || seq.end !== bytes.length) return 'unknown';
  // PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, macData … } (RFC 7292 §4)
  const version = readDerHeader(bytes, seq.contentStart);
  if (bytes[seq.contentStart] === 0x02 && version && version.end - version.contentStart === 1 && bytes[version.contentStart] === 3) {
    return 'pkcs12';
  }
  return 'der';
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Reads a DER tag-length header at offset; undefined when it is malformed or runs past the end. */
function readDerHeader(bytes: Uint8Array, offset: number): { contentStart: number; end: number } | undefined {
  const first = bytes[offset + 1];
  if (first === undefined) return undefined;
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4) return undefined;
    length = 0;
    for (let i = 0; i < n; i++) {
      const b = bytes[offset + 2 + i];
      if (b === undefined) return undefined;
      length = length * 256 + b;
    }
    contentStart += n;
  }
  const end = contentStart + length;
  return end <= bytes.length ? { contentStart, end } : undefined;
}

/** What the user should run to turn this format into PEM. */
export function conversionHint(detected: DetectedFormat, want: 'certificate' | 'private key' | 'CA bundle'): string {
  const decode = detected.base64 ? 'first decode the base64 (base64 -d secret.b64 > file.bin), then ' : '';
  switch (detected.format) {
    case 'jks':
    case 'jceks':
      return `${decode}convert the Java Key Store to PEM: keytool -importkeystore -srckeystore store.jks -srcstoretype ${detected.format.toUpperCase()} -destkeystore store.p12 -deststoretype PKCS12, then ` +
        (want === 'private key'
          ? 'openssl pkcs12 -in store.p12 -nocerts -nodes -out key.pem'
          : want === 'CA bundle'
            ? 'openssl pkcs12 -in store.p12 -nokeys -out ca.pem (or for one entry: keytool -exportcert -rfc -alias <alias> -keystore store.jks -file ca.pem)'
            : 'openssl pkcs12 -in store.p12 -nokeys -clcerts -out cert.pem');
    case 'pkcs12':
      return `${decode}convert the PKCS#12 file to PEM: ` +
        (want === 'private key'
          ? 'openssl pkcs12 -in store.p12 -nocerts -nodes -out key.pem'
          : 'openssl pkcs12 -in store.p12 -nokeys -out cert.pem') +
        ' (add -legacy for files made by old Java or Windows tools)';
    case 'der':
      return `${decode}convert the DER file to PEM: ` +
        (want === 'private key' ? 'openssl pkey -inform DER -in key.der -out key.pem' : 'openssl x509 -inform DER -in cert.der -out cert.pem');
    case 'pem':
    case 'unknown':
      return `store the ${want} in PEM format (text starting with -----BEGIN ${want === 'private key' ? 'PRIVATE KEY' : 'CERTIFICATE'}-----)`;
  }
}
