// Test helper: a FAKE managed-identity token endpoint on 127.0.0.1 speaking the App Service protocol
// (GET IDENTITY_ENDPOINT?api-version=2019-08-01&resource=…[&client_id=…] with the X-IDENTITY-HEADER
// secret), which the Azure SDK selects through IDENTITY_ENDPOINT/IDENTITY_HEADER. Pointing those at
// this fake is also what keeps tests away from the real IMDS address 169.254.169.254.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedTokenRequest {
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly identityHeader: string | undefined;
}

export class FakeManagedIdentityEndpoint {
  readonly requests: RecordedTokenRequest[] = [];
  readonly identityHeader: string;
  readonly token: string;
  readonly #server: Server;

  private constructor(token: string, identityHeader: string) {
    this.token = token;
    this.identityHeader = identityHeader;
    this.#server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const header = req.headers['x-identity-header'];
      this.requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), identityHeader: typeof header === 'string' ? header : undefined });
      res.setHeader('content-type', 'application/json');
      if (header !== this.identityHeader) {
        res.writeHead(401).end(JSON.stringify({ error: 'invalid_request', error_description: 'bad X-IDENTITY-HEADER' }));
        return;
      }
      res.end(JSON.stringify({
        access_token: this.token,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: url.searchParams.get('resource'),
        token_type: 'Bearer',
        client_id: url.searchParams.get('client_id') ?? 'system-assigned-client-id',
      }));
    });
  }

  static async start(token: string, identityHeader: string): Promise<FakeManagedIdentityEndpoint> {
    const endpoint = new FakeManagedIdentityEndpoint(token, identityHeader);
    await new Promise<void>((resolve) => endpoint.#server.listen(0, '127.0.0.1', resolve));
    return endpoint;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/msi/token`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
