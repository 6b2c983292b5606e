import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openTokenStore, type KeptCode, type TokenStore } from './token.store';

let seq = 0;
const opened: TokenStore[] = [];
async function open(name: string): Promise<TokenStore> {
  const store = await openTokenStore(name);
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

describe('token store', () => {
  it('when a token is written, then a store opened later on the same device reads it', async () => {
    const name = `session-${++seq}`;
    const first = await open(name);
    expect(await first.read()).toBeNull();
    await first.write('pt_first-token-0123456789');
    first.close();
    expect(await (await open(name)).read()).toBe('pt_first-token-0123456789');
  });

  it('when another participant’s token arrives, then the write says it replaced one; the same token does not', async () => {
    const store = await open(`session-${++seq}`);
    expect(await store.write('pt_aaaaaaaaaaaaaaaaaaaa')).toEqual({ replaced: false });
    expect(await store.write('pt_aaaaaaaaaaaaaaaaaaaa')).toEqual({ replaced: false });
    expect(await store.write('pt_bbbbbbbbbbbbbbbbbbbb')).toEqual({ replaced: true });
    expect(await store.read()).toBe('pt_bbbbbbbbbbbbbbbbbbbb');
  });

  it('when cleared, then no token is read', async () => {
    const store = await open(`session-${++seq}`);
    await store.write('pt_aaaaaaaaaaaaaaaaaaaa');
    await store.clear();
    expect(await store.read()).toBeNull();
  });

  it('when a registered participant’s code is kept, then it is read back, and goes when another token arrives or on clear', async () => {
    const store = await open(`session-${++seq}`);
    await store.write('pt_aaaaaaaaaaaaaaaaaaaa');
    const code = {
      payload: 'PQR1.v_00000000000000000000.1900000000.mac',
      displayName: 'Aiko',
      expiresAt: '2027-01-04T08:00:00.000Z',
    };
    await store.keepCode(code);
    expect(await store.readCode()).toEqual(code);
    await store.write('pt_aaaaaaaaaaaaaaaaaaaa');
    expect(await store.readCode()).toEqual(code);
    await store.write('pt_bbbbbbbbbbbbbbbbbbbb');
    expect(await store.readCode()).toBeNull();
    await store.keepCode(code);
    await store.clear();
    expect(await store.readCode()).toBeNull();
  });

  it('when a code was kept without its expiry (an older version of the app), then the expiry is read from the payload', async () => {
    const store = await open(`session-${++seq}`);
    const seconds = Date.parse('2026-12-24T10:00:00Z') / 1000;
    const payload = `PQR1.v_00000000000000000000.${seconds.toString(36)}.bWFj`;
    await store.keepCode({ payload, displayName: 'Ren' } as KeptCode);
    expect(await store.readCode()).toEqual({
      payload,
      displayName: 'Ren',
      expiresAt: '2026-12-24T10:00:00.000Z',
    });
  });
});
