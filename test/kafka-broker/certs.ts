// Test PKI for the real-broker harness: a CA, a broker certificate valid for localhost and 127.0.0.1, and
// a client certificate for mTLS — all PEM with PKCS#8 keys, because Kafka's PEM keystore rejects PKCS#1
// ("Private key could not be loaded") and ASA's key vault holds certificates as PEM secrets.
// Made with the openssl CLI (an independent tool), not with our own code.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestPki {
  dir: string;
  /** CA certificate that signed both the broker and the client certificate. */
  caPem: string;
  caPath: string;
  clientCertPem: string;
  clientKeyPem: string;
  clientCertPath: string;
  clientKeyPath: string;
  /** Broker key + certificate in one file, the layout of Kafka's `ssl.keystore.type=PEM`. */
  serverKeystorePath: string;
}

async function openssl(cwd: string, args: string[]): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.trim() || e.message}`, { cause: err });
  }
}

async function issue(dir: string, name: string, subject: string, extensions: string): Promise<void> {
  await openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
  await writeFile(join(dir, `${name}.ext`), extensions);
  await openssl(dir, [
    'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', `${name}.crt`, '-days', '3650', '-sha256', '-extfile', `${name}.ext`,
  ]);
}

export async function createTestPki(dir: string): Promise<TestPki> {
  await mkdir(dir, { recursive: true });
  await openssl(dir, [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650',
    '-sha256', '-subj', '/CN=sluice-test-ca',
  ]);
  await issue(dir, 'server', '/CN=localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  await issue(dir, 'client', '/CN=sluice-client', 'extendedKeyUsage=clientAuth\n');

  const [caPem, serverKey, serverCrt, clientCertPem, clientKeyPem] = await Promise.all(
    ['ca.pem', 'server.key', 'server.crt', 'client.crt', 'client.key'].map((f) => readFile(join(dir, f), 'utf8')),
  ) as [string, string, string, string, string];
  if (!clientKeyPem.includes('BEGIN PRIVATE KEY') || !serverKey.includes('BEGIN PRIVATE KEY')) {
    throw new Error('openssl did not write PKCS#8 keys; Kafka PEM keystores need them');
  }
  const serverKeystorePath = join(dir, 'server-keystore.pem');
  await writeFile(serverKeystorePath, serverKey + serverCrt);
  return {
    dir,
    caPem,
    caPath: join(dir, 'ca.pem'),
    clientCertPem,
    clientKeyPem,
    clientCertPath: join(dir, 'client.crt'),
    clientKeyPath: join(dir, 'client.key'),
    serverKeystorePath,
  };
}

export interface IssuedClientCertificate {
  certPem: string;
  keyPem: string;
  notAfter: Date;
}

/**
 * Issues another client certificate from the test CA in `pkiDir` (a broker's `<runDir>/tls`), valid from a
 * minute ago for `validSeconds` — short lifetimes let rotation tests watch a certificate expire.
 * `openssl ca` is the OpenSSL 3.0 command that takes exact start and end dates.
 */
export async function issueClientCertificate(pkiDir: string, commonName: string, validSeconds: number): Promise<IssuedClientCertificate> {
  const dir = await mkdtemp(join(pkiDir, 'issue-'));
  try {
    await writeFile(join(dir, 'index.txt'), '');
    await writeFile(join(dir, 'serial'), `${Date.now().toString(16).padStart(16, '0')}\n`);
    await writeFile(join(dir, 'ca.cnf'), [
      '[ca]', 'default_ca = d', '[d]', `database = ${join(dir, 'index.txt')}`, `new_certs_dir = ${dir}`, `serial = ${join(dir, 'serial')}`,
      'default_md = sha256', 'policy = p', 'unique_subject = no', 'copy_extensions = none', 'x509_extensions = ext',
      '[p]', 'commonName = supplied', '[ext]', 'extendedKeyUsage = clientAuth', '',
    ].join('\n'));
    await openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'req.csr', '-subj', `/CN=${commonName}`]);
    const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
    const notAfter = new Date(Date.now() + validSeconds * 1000);
    await openssl(dir, [
      'ca', '-batch', '-config', 'ca.cnf', '-cert', join(pkiDir, 'ca.pem'), '-keyfile', join(pkiDir, 'ca.key'),
      '-in', 'req.csr', '-out', 'cert.pem', '-notext', '-startdate', stamp(new Date(Date.now() - 60_000)), '-enddate', stamp(notAfter),
    ]);
    const [certPem, keyPem] = await Promise.all([readFile(join(dir, 'cert.pem'), 'utf8'), readFile(join(dir, 'key.pem'), 'utf8')]);
    // openssl ca stamps whole seconds; report the date the certificate really carries.
    return { certPem, keyPem, notAfter: new Date(new X509Certificate(certPem).validTo) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
