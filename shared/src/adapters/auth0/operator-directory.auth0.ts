import type { ManagementClient } from 'auth0';
import { errors } from '../../errors/errors';
import type { Operator, OperatorDirectory } from '../../ports/operator-directory.port';

/**
 * The Management API scopes this adapter needs, and all it needs: `GET /api/v2/users` takes read:users, and
 * `GET /api/v2/users/{id}/roles` takes read:users and read:roles. The machine-to-machine application is granted
 * exactly these (docs/deploy.md).
 */
export const AUTH0_MANAGEMENT_SCOPES = ['read:users', 'read:roles'] as const;

/** The Management API's largest page. */
const PAGE = 100;
/** Role look-ups in flight at once: the Management API rate-limits per tenant. */
const CONCURRENCY = 4;

/**
 * Auth0's users and their RBAC roles, through the Management API (a machine-to-machine client with
 * AUTH0_MANAGEMENT_SCOPES; the SDK fetches and renews its client-credentials token). One call per user for roles: fine for the
 * tens of operators an event has. Auth0 pages a plain user listing only up to 1000 users.
 */
export class Auth0OperatorDirectory implements OperatorDirectory {
  constructor(private readonly management: ManagementClient) {}

  async listOperators(): Promise<Operator[]> {
    try {
      const users = await allPages((page) =>
        this.management.users.getAll({
          page,
          per_page: PAGE,
          sort: 'user_id:1',
          fields: 'user_id,email,name',
          include_fields: true,
        }),
      );
      const operators = await mapLimited(users, CONCURRENCY, async (user) => {
        const roles = await allPages((page) =>
          this.management.users.getRoles({ id: user.user_id, page, per_page: PAGE }),
        );
        return {
          userId: user.user_id,
          email: user.email || null,
          name: user.name || null,
          roles: roles.map((r) => r.name).sort(),
        };
      });
      return operators.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    } catch (err) {
      throw errors.dependencyFailed('Auth0 Management API', err);
    }
  }
}

/** Pages from 0 until one comes back short. */
async function allPages<T>(fetchPage: (page: number) => Promise<{ data: T[] }>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 0; ; page++) {
    const { data } = await fetchPage(page);
    items.push(...data);
    if (data.length < PAGE) return items;
  }
}

async function mapLimited<T, R>(items: T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await map(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
