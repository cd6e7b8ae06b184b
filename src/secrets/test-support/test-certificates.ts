// Test helper: real certificates made with the openssl CLI into a temp folder — a CA, a valid leaf
// with its key, an expired one, one not yet valid, one expiring in 3 days, a mismatched key, an
// encrypted key, the leaf as PKCS#12 and as DER, a fake Java Key Store, and a server certificate for
// 127.0.0.1 (for the fake Key Vault). Made once per test process.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDirSync } from './temp-dir.ts';

export interface TestCertificates {
  readonly dir: string;
  readonly caPem: string;
  readonly leafPem: string;
  readonly leafKeyPem: string;
  readonly otherKeyPem: string;
  readonly encryptedKeyPem: string;
  readonly keyPassphrase: string;
  readonly expiredPem: string;
  readonly notYetValidPem: string;
  readonly expiringSoonPem: string;
  readonly pkcs12: Uint8Array;
  readonly der: Uint8Array;
  readonly jks: Uint8Array;
  readonly serverPem: string;
  readonly serverKeyPem: string;
}

let cached: TestCertificates | undefined;

export function testCertificates(): TestCertificates {
  cached ??= make();
  return cached;
}

function make(): TestCertificates {
  const dir = tempDirSync('sluice-secrets-certs-');
  const f = (name: string): string => path.join(dir, name);
  const ssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const newKey = (name: string): void => ssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', f(name));
  newKey('ca.key');
  ssl('req', '-x509', '-new', '-key', f('ca.key'), '-out', f('ca.pem'), '-subj', '/CN=Sluice Test CA', '-days', '30');
  newKey('leaf.key');
  newKey('other.key');
  newKey('server.key');
  ssl('req', '-new', '-key', f('leaf.key'), '-out', f('leaf.csr'), '-subj', '/CN=sluice-client');
  ssl('req', '-new', '-key', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1');
  const sign = (out: string, csr: string, days: string, ext?: string): void =>
    ssl('x509', '-req', '-in', f(csr), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', days, '-out', f(out), ...(ext ? ['-extfile', f(ext)] : []));
  sign('leaf.pem', 'leaf.csr', '20');
  sign('soon.pem', 'leaf.csr', '3');
  writeFileSync(f('server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  sign('server.pem', 'server.csr', '20', 'server.ext');
  // `openssl ca` is the one OpenSSL 3.0 command that takes explicit start and end dates.
  mkdirSync(f('db'));
  writeFileSync(f('db/index.txt'), '');
  writeFileSync(f('db/serial'), '1000\n');
  writeFileSync(f('ca.cnf'), [
    '[ca]', 'default_ca = d', '[d]', 'database = db/index.txt', 'new_certs_dir = db', 'serial = db/serial',
    'default_md = sha256', 'policy = p', 'unique_subject = no', '[p]', 'commonName = supplied', '',
  ].join('\n'));
  const caSign = (out: string, start: string, end: string): void =>
    ssl('ca', '-batch', '-notext', '-config', f('ca.cnf'), '-cert', f('ca.pem'), '-keyfile', f('ca.key'), '-in', f('leaf.csr'), '-out', f(out), '-startdate', start, '-enddate', end);
  caSign('expired.pem', '20200101000000Z', '20200201000000Z');
  caSign('future.pem', '20990101000000Z', '20990201000000Z');
  ssl('pkcs8', '-topk8', '-in', f('leaf.key'), '-v2', 'aes-256-cbc', '-passout', 'pass:correct horse', '-out', f('leaf-enc.key'));
  ssl('pkcs12', '-export', '-in', f('leaf.pem'), '-inkey', f('leaf.key'), '-passout', 'pass:changeit', '-out', f('leaf.p12'));
  ssl('x509', '-in', f('leaf.pem'), '-outform', 'DER', '-out', f('leaf.der'));
  // A Java Key Store starts with 0xFEEDFEED and a version; the rest does not matter for detection.
  const jks = new Uint8Array([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 5, 0x61, 0x6c, 0x69, 0x61, 0x73]);
  writeFileSync(f('store.jks'), jks);
  const text = (name: string): string => readFileSync(f(name), 'utf8');
  return {
    dir,
    caPem: text('ca.pem'),
    leafPem: text('leaf.pem'),
    leafKeyPem: text('leaf.key'),
    otherKeyPem: text('other.key'),
    encryptedKeyPem: text('leaf-enc.key'),
    keyPassphrase: 'correct horse',
    expiredPem: text('expired.pem'),
    notYetValidPem: text('future.pem'),
    expiringSoonPem: text('soon.pem'),
    pkcs12: new Uint8Array(readFileSync(f('leaf.p12'))),
    der: new Uint8Array(readFileSync(f('leaf.der'))),
    jks,
    serverPem: text('server.pem'),
    serverKeyPem: text('server.key'),
  };
}
