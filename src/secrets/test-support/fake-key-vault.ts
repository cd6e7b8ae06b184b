// Test helper: a FAKE Azure Key Vault on 127.0.0.1 over HTTPS that speaks just enough of the data-plane
// REST API for the real SDK — the anonymous first request answered with the 401 Bearer challenge, then
// `GET /secrets/{name}[/{version}]?api-version=…` — and records every request so tests can assert what
// the SDK sent. Secrets can be set to answer 403 (no role) or be absent (404).
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RecordedVaultRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
}

export interface FakeKeyVaultOptions {
  /** TLS certificate and key for 127.0.0.1. */
  cert: string;
  key: string;
  /** The bearer token the vault accepts. */
  acceptToken: string;
  tenantId?: string;
}

export class FakeKeyVault {
  readonly requests: RecordedVaultRequest[] = [];
  readonly #secrets = new Map<string, { value: string; version: string; contentType?: string }>();
  readonly #forbidden = new Set<string>();
  readonly #server: Server;

  private constructor(options: FakeKeyVaultOptions) {
    this.#server = createServer({ cert: options.cert, key: options.key }, (req, res) => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      const auth = req.headers.authorization;
      this.requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: auth });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      if (auth !== `Bearer ${options.acceptToken}`) {
        send(401, { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } }, {
          'www-authenticate': `Bearer authorization="https://login.microsoftonline.com/${options.tenantId ?? '72f988bf-0000-0000-0000-000000000000'}", resource="https://vault.azure.net"`,
        });
        return;
      }
      const m = /^\/secrets\/([^/]+)(?:\/([^/]*))?$/.exec(url.pathname);
      const name = m?.[1];
      if (req.method !== 'GET' || !name) {
        send(400, { error: { code: 'BadParameter', message: 'unsupported by the fake' } });
        return;
      }
      if (this.#forbidden.has(name)) {
        send(403, { error: { code: 'Forbidden', message: `Caller is not authorized to perform action on resource. Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'`, innererror: { code: 'ForbiddenByRbac' } } });
        return;
      }
      const secret = this.#secrets.get(name);
      if (!secret) {
        send(404, { error: { code: 'SecretNotFound', message: `A secret with (name/id) ${name} was not found in this key vault.` } });
        return;
      }
      send(200, {
        value: secret.value,
        id: `${this.url}/secrets/${name}/${secret.version}`,
        ...(secret.contentType ? { contentType: secret.contentType } : {}),
        attributes: { enabled: true, created: 1_700_000_000, updated: 1_700_000_000, recoveryLevel: 'Recoverable+Purgeable' },
      });
    });
  }

  static async start(options: FakeKeyVaultOptions): Promise<FakeKeyVault> {
    const vault = new FakeKeyVault(options);
    await new Promise<void>((resolve) => vault.#server.listen(0, '127.0.0.1', resolve));
    return vault;
  }

  get url(): string {
    return `https://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  setSecret(name: string, value: string, version: string, contentType?: string): void {
    this.#secrets.set(name, { value, version, ...(contentType ? { contentType } : {}) });
    this.#forbidden.delete(name);
  }

  forbid(name: string): void {
    this.#forbidden.add(name);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
