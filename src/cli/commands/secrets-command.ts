// `sluice secrets`: manages the local secret folder that stands in for Azure Key Vault when
// self-hosting. `set` is the counterpart of `az keyvault secret set --vault-name … --name … --file …`;
// `check` runs the certificate checks a job runs at start-up. Neither ever prints a secret's value.
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { SluiceError } from '../../common/index.ts';
import { checkCertificateSecret, setSecret, type CertificateInfo } from '../../app/index.ts';

export interface SecretsCommandIo {
  /** Receives each output line (default: process.stdout). */
  out?: (line: string) => void;
  /** Source for --value-from-stdin (default: process.stdin). */
  stdin?: AsyncIterable<string | Uint8Array>;
  /** Project folder the default ./secrets is relative to (default: current directory). */
  projectDir?: string;
}

interface SetOptions {
  file?: string;
  valueFromStdin?: boolean;
  dir?: string;
}

interface CheckOptions {
  dir?: string;
  caBundle?: boolean;
}

const DIR_HELP = 'secrets folder (default: $SLUICE_SECRETS_DIR, else ./secrets of the project)';

export function secretsCommand(io: SecretsCommandIo = {}): Command {
  const out = io.out ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const command = new Command('secrets').description('manage secrets in the local secrets folder (<dir>/<vault>/<name>)')
    .addHelpText('after', `
Examples:
  sluice secrets set kafka-vault kafka-password --value-from-stdin < password.txt
  sluice secrets set kafka-vault kafka-ca --file ca.pem
  sluice secrets check kafka-vault kafka-ca --ca-bundle`);

  command
    .command('set')
    .description('store a secret (like az keyvault secret set); writes atomically with mode 0600')
    .argument('<vault>', 'vault name, as in KeyVaultName')
    .argument('<name>', 'secret name')
    .addOption(new Option('--file <path>', 'read the value from a file (e.g. a PEM certificate)').conflicts('valueFromStdin'))
    .addOption(new Option('--value-from-stdin', 'read the value from standard input (one trailing newline is dropped)'))
    .option('--dir <dir>', DIR_HELP)
    .addHelpText('after', `
Examples:
  sluice secrets set kafka-vault kafka-password --value-from-stdin < password.txt
  sluice secrets set kafka-vault client-cert --file client.pem --dir ./MyAsaProject/secrets`)
    .action(async (vault: string, name: string, options: SetOptions) => {
      let value: Uint8Array;
      if (options.file !== undefined) value = await readInputFile(options.file);
      else if (options.valueFromStdin) value = dropTrailingNewline(await readAll(io.stdin ?? process.stdin));
      else {
        throw new SluiceError('SLUICE_SECRET_INPUT_MISSING', 'say where the value comes from: --file <path> or --value-from-stdin', {
          domain: 'user', hint: 'values are never taken as arguments, so they do not end up in shell history',
        });
      }
      const result = await setSecret({ vault, name, value, dir: options.dir, projectDir: io.projectDir });
      out(`wrote secret '${name}' of vault '${vault}' to ${result.file} (${result.byteLength} bytes, mode 0600)`);
    });

  command
    .command('check')
    .description('load a certificate secret and check it: PEM format, validity dates, key match; prints subject, issuer and validity')
    .argument('<vault>', 'vault name, as in KeyVaultName')
    .argument('<name>', 'secret name')
    .option('--ca-bundle', 'check as a CA bundle (trust store): expired roots only warn while one valid root remains')
    .option('--dir <dir>', DIR_HELP)
    .addHelpText('after', `
Examples:
  sluice secrets check kafka-vault client-cert
  sluice secrets check kafka-vault kafka-ca --ca-bundle`)
    .action(async (vault: string, name: string, options: CheckOptions) => {
      const report = await checkCertificateSecret({ vault, name, dir: options.dir, projectDir: io.projectDir, caBundle: options.caBundle === true });
      out(`secret '${name}' in vault '${vault}' (${report.source})`);
      report.certificates.forEach((info, i) => {
        const label = options.caBundle ? `CA certificate ${i + 1}` : i === 0 ? 'certificate' : `chain certificate ${i}`;
        for (const line of describeCertificate(label, info)) out(line);
      });
      if (report.privateKey) out(`private key: ${report.privateKey.type}, matches the certificate`);
      for (const w of report.warnings) out(`warning: ${w}`);
      out('ok');
    });

  return command;
}

function describeCertificate(label: string, info: CertificateInfo): string[] {
  return [
    `${label}: ${info.subject}`,
    `  issuer:  ${info.issuer}`,
    `  valid:   ${info.validFrom.toISOString()} to ${info.validTo.toISOString()}`,
    `  serial:  ${info.serialNumber}`,
    `  sha256:  ${info.fingerprint256}`,
  ];
}

async function readInputFile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unknown error';
    throw new SluiceError('SLUICE_SECRET_INPUT_UNREADABLE', `cannot read --file ${file}: ${code}`, { domain: 'user', cause: err });
  }
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return new Uint8Array(Buffer.concat(chunks));
}

// `echo "$PASSWORD" | sluice secrets set …` appends a newline that is not part of the password.
function dropTrailingNewline(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  if (bytes[end - 1] === 0x0a) end--;
  if (end < bytes.length && bytes[end - 1] === 0x0d) end--;
  return bytes.subarray(0, end);
}
