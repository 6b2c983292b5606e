import { afterEach, describe, expect, it } from 'vitest';
import type { Operator, OperatorDirectory } from '../operator-directory.port';

export interface OperatorDirectoryFixture {
  directory: OperatorDirectory;
  teardown: () => Promise<void>;
}

/**
 * What every OperatorDirectory must do, run against each adapter: the dev one (given the operators directly) and
 * Auth0's (its Management API played by a loopback server holding them).
 */
export function operatorDirectoryContract(
  name: string,
  setup: (operators: Operator[]) => Promise<OperatorDirectoryFixture>,
): void {
  describe(`OperatorDirectory contract: ${name}`, () => {
    let teardown: (() => Promise<void>) | null = null;

    afterEach(async () => {
      await teardown?.();
      teardown = null;
    });

    async function directoryWith(operators: Operator[]): Promise<OperatorDirectory> {
      const fixture = await setup(operators);
      teardown = fixture.teardown;
      return fixture.directory;
    }

    const ada: Operator = { userId: 'auth0|ada', email: 'ada@example.org', name: 'Ada', roles: ['operator'] };
    const bo: Operator = { userId: 'auth0|bo', email: 'bo@example.org', name: 'Bo', roles: ['staff'] };

    it('when the directory holds users, then each comes once with email, name and roles, in userId order', async () => {
      const directory = await directoryWith([bo, ada]);

      expect(await directory.listOperators()).toEqual([ada, bo]);
    });

    it('when a user has several roles, then all of them come, sorted', async () => {
      const directory = await directoryWith([{ ...ada, roles: ['staff', 'operator'] }]);

      expect(await directory.listOperators()).toEqual([{ ...ada, roles: ['operator', 'staff'] }]);
    });

    it('when a user has no email, name or role, then they still come, with nulls and no roles', async () => {
      const bare: Operator = { userId: 'auth0|bare', email: null, name: null, roles: [] };
      const directory = await directoryWith([bare, ada]);

      expect(await directory.listOperators()).toEqual([ada, bare]);
    });

    it('when the directory is empty, then the list is empty', async () => {
      const directory = await directoryWith([]);

      expect(await directory.listOperators()).toEqual([]);
    });

    it('when there are more users than one page holds, then every one of them comes', async () => {
      const many = Array.from({ length: 234 }, (_, i) => ({
        userId: `auth0|u${String(i).padStart(4, '0')}`,
        email: `u${i}@example.org`,
        name: `User ${i}`,
        roles: i % 3 === 0 ? ['operator', 'staff'] : ['staff'],
      }));
      const directory = await directoryWith([...many].reverse());

      expect(await directory.listOperators()).toEqual(many);
    });
  });
}
