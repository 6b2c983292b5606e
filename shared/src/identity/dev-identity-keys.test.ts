import { exportJWK, generateKeyPair } from 'jose';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/system-under-test';
import { loadDevIdentityKeys, normalizePasscode } from './dev-identity-keys';
import { DEV_USERS } from './dev-users';

describe('the dev identity provider key file', () => {
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  afterEach(async () => dir?.remove());

  it('when it does not exist, then it is created private, with a secret per client and a passcode per user, and read back the same', async () => {
    dir = await tempDir();
    const created = await loadDevIdentityKeys(dir.dir);
    expect(created.clientSecrets.operator).not.toBe(created.clientSecrets.staff);
    expect(Object.keys(created.passcodes).sort()).toEqual(DEV_USERS.map((u) => u.id).sort());
    for (const passcode of Object.values(created.passcodes))
      expect(passcode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect((await stat(join(dir.dir, 'dev-idp-key.json'))).mode & 0o777).toBe(0o600);
    expect(await loadDevIdentityKeys(dir.dir)).toEqual(created);
  });

  it('when it holds the old single client secret, then the signing key is kept and neither client keeps that secret', async () => {
    dir = await tempDir();
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const legacy = {
      kid: 'AbCdEfGhIjK',
      privateJwk: await exportJWK(privateKey),
      clientSecret: 'the-old-shared-secret',
    };
    await writeFile(join(dir.dir, 'dev-idp-key.json'), JSON.stringify(legacy));
    const migrated = await loadDevIdentityKeys(dir.dir);
    expect(migrated.kid).toBe(legacy.kid);
    expect(migrated.privateJwk).toEqual(legacy.privateJwk);
    expect(Object.values(migrated.clientSecrets)).not.toContain('the-old-shared-secret');
    expect(migrated.clientSecrets.operator).not.toBe(migrated.clientSecrets.staff);
    const onDisk = JSON.parse(await readFile(join(dir.dir, 'dev-idp-key.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(onDisk).not.toHaveProperty('clientSecret');
    expect(await loadDevIdentityKeys(dir.dir)).toEqual(migrated);
  });

  it('when it is not a key file, then loading fails rather than replacing the keys', async () => {
    dir = await tempDir();
    await writeFile(join(dir.dir, 'dev-idp-key.json'), '{"kid":');
    await expect(loadDevIdentityKeys(dir.dir)).rejects.toThrow(/not valid JSON/);
    await writeFile(join(dir.dir, 'dev-idp-key.json'), '{"hello":"world"}');
    await expect(loadDevIdentityKeys(dir.dir)).rejects.toThrow(/not a dev identity key file/);
    expect(await readFile(join(dir.dir, 'dev-idp-key.json'), 'utf8')).toBe('{"hello":"world"}');
  });

  it('when a passcode is typed in lower case, with spaces or without its dash, then it reads as printed', () => {
    expect(normalizePasscode(' abcd efgh ')).toBe(normalizePasscode('ABCD-EFGH'));
    expect(normalizePasscode('abcdefgh')).toBe('ABCDEFGH');
  });
});
