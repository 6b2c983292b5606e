import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../domain/permissions';
import { operatorDirectoryContract } from '../../ports/contracts/operator-directory.contract';
import { DevOperatorDirectory } from './operator-directory.dev';

operatorDirectoryContract('DevOperatorDirectory', async (operators) => ({
  directory: new DevOperatorDirectory(operators),
  teardown: async () => undefined,
}));

describe('DevOperatorDirectory', () => {
  it('when given no list, then it holds the dev identity provider’s users with their roles', async () => {
    expect(await new DevOperatorDirectory().listOperators()).toEqual([
      { userId: 'dev|operator', email: null, name: 'Dev operator', roles: ['operator'] },
      { userId: 'dev|staff', email: null, name: 'Dev staff', roles: ['staff'] },
    ]);
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual(['operator', 'staff']);
  });
});
