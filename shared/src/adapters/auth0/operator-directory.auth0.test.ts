import { ManagementClient } from 'auth0';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { operatorDirectoryContract } from '../../ports/contracts/operator-directory.contract';
import type { Operator } from '../../ports/operator-directory.port';
import { AUTH0_MANAGEMENT_SCOPES, Auth0OperatorDirectory } from './operator-directory.auth0';

const DOMAIN = 'event-photo.eu.auth0.com';
const CLIENT = { clientId: 'm2m-client', clientSecret: 'm2m-secret' };

/**
 * A loopback Management API: the client-credentials token endpoint, `GET /api/v2/users` and
 * `GET /api/v2/users/{id}/roles`, paged like Auth0's (`page`, `per_page`, a plain array). Requests without the
 * token it issued are refused, so the test also proves the SDK's token handling. Its tokens carry the scopes granted
 * to the client (`grantedScopes`), and each endpoint requires the scopes Auth0 documents for it, answering 403
 * `insufficient_scope` as Auth0 does.
 */
const ENDPOINT_SCOPES = {
  users: ['read:users'],
  userRoles: ['read:users', 'read:roles'],
} as const;

class FakeManagementApi {
  operators: Operator[] = [];
  tokensIssued = 0;
  failNext: number | null = null;
  grantedScopes: readonly string[] = AUTH0_MANAGEMENT_SCOPES;
  private tokenScopes: readonly string[] = [];
  readonly calls: string[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => json(res, 500, { message: String(err) }));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A ManagementClient whose https://DOMAIN requests go to this server instead. */
  client(): ManagementClient {
    return new ManagementClient({
      domain: DOMAIN,
      ...CLIENT,
      fetch: (input, init) => {
        const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        return fetch(href.replace(`https://${DOMAIN}`, this.url), init);
      },
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    this.calls.push(`${req.method} ${url.pathname}`);
    if (this.failNext !== null) {
      const status = this.failNext;
      this.failNext = null;
      return json(res, status, { statusCode: status, error: 'Internal Server Error', message: 'boom' });
    }
    if (req.method === 'POST' && url.pathname === '/oauth/token') {
      const form = new URLSearchParams(await text(req));
      const ok =
        form.get('grant_type') === 'client_credentials' &&
        form.get('client_id') === CLIENT.clientId &&
        form.get('client_secret') === CLIENT.clientSecret &&
        form.get('audience') === `https://${DOMAIN}/api/v2/`;
      if (!ok) return json(res, 401, { error: 'access_denied', error_description: 'Unauthorized' });
      this.tokensIssued += 1;
      this.tokenScopes = this.grantedScopes;
      return json(res, 200, {
        access_token: `mgmt-${this.tokensIssued}`,
        token_type: 'Bearer',
        expires_in: 86400,
        scope: this.grantedScopes.join(' '),
      });
    }
    if (req.headers.authorization !== `Bearer mgmt-${this.tokensIssued}` || this.tokensIssued === 0) {
      return json(res, 401, { statusCode: 401, error: 'Unauthorized', message: 'Missing or invalid token' });
    }
    const page = Number(url.searchParams.get('page') ?? 0);
    const perPage = Number(url.searchParams.get('per_page') ?? 50);
    const slice = <T>(items: T[]) => items.slice(page * perPage, (page + 1) * perPage);
    const lacking = (needed: readonly string[]) => needed.filter((s) => !this.tokenScopes.includes(s));
    if (req.method === 'GET' && url.pathname === '/api/v2/users') {
      if (lacking(ENDPOINT_SCOPES.users).length) return insufficientScope(res, ENDPOINT_SCOPES.users);
      return json(
        res,
        200,
        slice(this.operators).map((o) => ({
          user_id: o.userId,
          ...(o.email ? { email: o.email } : {}),
          ...(o.name ? { name: o.name } : {}),
        })),
      );
    }
    const roles = /^\/api\/v2\/users\/([^/]+)\/roles$/.exec(url.pathname);
    if (req.method === 'GET' && roles) {
      if (lacking(ENDPOINT_SCOPES.userRoles).length) return insufficientScope(res, ENDPOINT_SCOPES.userRoles);
      const user = this.operators.find((o) => o.userId === decodeURIComponent(roles[1]!));
      if (!user)
        return json(res, 404, { statusCode: 404, error: 'Not Found', message: 'The user does not exist.' });
      return json(
        res,
        200,
        slice(user.roles.map((name) => ({ id: `rol_${name}`, name, description: name }))),
      );
    }
    return json(res, 404, { statusCode: 404, error: 'Not Found', message: `${req.method} ${url.pathname}` });
  }
}

const fake = new FakeManagementApi();

beforeAll(() => fake.start());
afterAll(() => fake.stop());

operatorDirectoryContract('Auth0OperatorDirectory (loopback Management API)', async (operators) => {
  fake.operators = operators;
  return { directory: new Auth0OperatorDirectory(fake.client()), teardown: async () => undefined };
});

describe('Auth0OperatorDirectory on the wire', () => {
  beforeEach(() => {
    fake.operators = [{ userId: 'auth0|ada', email: 'ada@example.org', name: 'Ada', roles: ['operator'] }];
    fake.grantedScopes = AUTH0_MANAGEMENT_SCOPES;
    fake.calls.length = 0;
  });

  it('when the client is granted exactly AUTH0_MANAGEMENT_SCOPES, then listing works', async () => {
    fake.grantedScopes = [...AUTH0_MANAGEMENT_SCOPES];

    await expect(new Auth0OperatorDirectory(fake.client()).listOperators()).resolves.toEqual(fake.operators);
  });

  it.each(AUTH0_MANAGEMENT_SCOPES)(
    'when the client lacks %s, then listing fails with DEPENDENCY.FAILED (every scope asked for is used)',
    async (missing) => {
      fake.grantedScopes = AUTH0_MANAGEMENT_SCOPES.filter((s) => s !== missing);

      const failure = new Auth0OperatorDirectory(fake.client()).listOperators();

      await expect(failure).rejects.toMatchObject({ code: 'DEPENDENCY.FAILED' });
      await expect(failure).rejects.toHaveProperty('cause.statusCode', 403);
    },
  );

  it('when listing twice, then one client-credentials token serves both', async () => {
    const directory = new Auth0OperatorDirectory(fake.client());
    const before = fake.tokensIssued;

    await directory.listOperators();
    await directory.listOperators();

    expect(fake.tokensIssued - before).toBe(1);
    expect(fake.calls).toEqual([
      'POST /oauth/token',
      'GET /api/v2/users',
      'GET /api/v2/users/auth0%7Cada/roles',
      'GET /api/v2/users',
      'GET /api/v2/users/auth0%7Cada/roles',
    ]);
  });

  it('when the Management API fails, then the error is DEPENDENCY.FAILED with the cause kept', async () => {
    const directory = new Auth0OperatorDirectory(fake.client());
    await directory.listOperators();
    fake.failNext = 500;

    const failure = directory.listOperators();

    await expect(failure).rejects.toMatchObject({ code: 'DEPENDENCY.FAILED', status: 502 });
    await expect(failure).rejects.toHaveProperty('cause.statusCode', 500);
  });
});

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function insufficientScope(res: ServerResponse, expected: readonly string[]): void {
  json(res, 403, {
    statusCode: 403,
    error: 'Forbidden',
    message: `Insufficient scope, expected all of: ${expected.join(',')}`,
    errorCode: 'insufficient_scope',
  });
}

async function text(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}
