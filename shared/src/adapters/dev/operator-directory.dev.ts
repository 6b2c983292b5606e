import { ROLE_PERMISSIONS } from '../../domain/permissions';
import type { DevRole } from '../../identity/dev-identity-provider';
import type { Operator, OperatorDirectory } from '../../ports/operator-directory.port';

/** The dev identity provider's fixed users: `dev|operator` and `dev|staff`, the subjects of its tokens. */
export const DEV_OPERATORS: readonly Operator[] = (Object.keys(ROLE_PERMISSIONS) as DevRole[]).map(
  (role) => ({
    userId: `dev|${role}`,
    email: null,
    name: `Dev ${role}`,
    roles: [role],
  }),
);

/** The embedded directory: a fixed list (the dev identity provider's users unless given others). */
export class DevOperatorDirectory implements OperatorDirectory {
  constructor(private readonly operators: readonly Operator[] = DEV_OPERATORS) {}

  async listOperators(): Promise<Operator[]> {
    return this.operators
      .map((o) => ({ ...o, roles: [...o.roles].sort() }))
      .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  }
}
