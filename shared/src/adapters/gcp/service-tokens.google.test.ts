import { describe, expect, it, vi } from 'vitest';
import { GoogleIdTokenSource, type IdTokenClients } from './service-tokens.google';

const T0 = Date.parse('2025-06-01T10:00:00.000Z');

/** An unsigned JWT shaped like Google's ID token: only `exp` and `aud` matter to the source. */
const jwt = (claims: Record<string, unknown>) =>
  [{ alg: 'RS256', typ: 'JWT' }, claims, 'sig']
    .map((p) => Buffer.from(JSON.stringify(p)).toString('base64url'))
    .join('.');

function stub(fetchIdToken: (audience: string) => Promise<string>) {
  const fetch = vi.fn(fetchIdToken);
  const clients: IdTokenClients = {
    getIdTokenClient: vi.fn(async () => ({ idTokenProvider: { fetchIdToken: fetch } })),
  };
  return { clients, fetch };
}

/** Tokens valid for an hour from `now()`, numbered so each fetch is told apart. */
function hourTokens(now: () => number) {
  let n = 0;
  return async (audience: string) => jwt({ aud: audience, n: ++n, exp: Math.floor(now() / 1000) + 3600 });
}

const claim = (token: string, name: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>)[name];

describe('GoogleIdTokenSource', () => {
  it('when a token is asked for twice, then Google is asked once and the audience is passed through', async () => {
    let now = T0;
    const { clients, fetch } = stub(hourTokens(() => now));
    const source = new GoogleIdTokenSource(clients, () => now);

    const first = await source.tokenFor('https://image-server.run.app');
    now += 30 * 60_000;
    const second = await source.tokenFor('https://image-server.run.app');

    expect(second).toBe(first);
    expect(fetch.mock.calls).toEqual([['https://image-server.run.app']]);
    expect(clients.getIdTokenClient).toHaveBeenCalledWith('https://image-server.run.app');
    expect(claim(first, 'aud')).toBe('https://image-server.run.app');
  });

  it('when two audiences are asked for, then each gets its own token', async () => {
    const { clients } = stub(hourTokens(() => T0));
    const source = new GoogleIdTokenSource(clients, () => T0);

    const a = await source.tokenFor('https://a.run.app');
    const b = await source.tokenFor('https://b.run.app');

    expect(claim(a, 'aud')).toBe('https://a.run.app');
    expect(claim(b, 'aud')).toBe('https://b.run.app');
    expect(await source.tokenFor('https://a.run.app')).toBe(a);
  });

  it('when the token is within five minutes of expiring, then a fresh one is fetched', async () => {
    let now = T0;
    const { clients, fetch } = stub(hourTokens(() => now));
    const source = new GoogleIdTokenSource(clients, () => now);
    const first = await source.tokenFor('aud');

    now = T0 + 54 * 60_000;
    expect(await source.tokenFor('aud')).toBe(first);
    now = T0 + 55 * 60_000;
    const fresh = await source.tokenFor('aud');

    expect(fresh).not.toBe(first);
    expect(claim(fresh, 'n')).toBe(2);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('when callers ask at the same time, then they share one fetch', async () => {
    const { clients, fetch } = stub(hourTokens(() => T0));
    const source = new GoogleIdTokenSource(clients, () => T0);

    const tokens = await Promise.all(Array.from({ length: 5 }, () => source.tokenFor('aud')));

    expect(new Set(tokens).size).toBe(1);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('when a fetch fails, then the error reaches the caller and the next call tries again', async () => {
    let fail = true;
    const tokens = hourTokens(() => T0);
    const { clients, fetch } = stub(async (audience) => {
      if (fail) throw new Error('metadata server unavailable');
      return tokens(audience);
    });
    const source = new GoogleIdTokenSource(clients, () => T0);

    await expect(source.tokenFor('aud')).rejects.toThrow('metadata server unavailable');
    fail = false;

    expect(claim(await source.tokenFor('aud'), 'aud')).toBe('aud');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('when the token carries no exp, then it is refused rather than cached forever', async () => {
    const { clients } = stub(async () => jwt({ aud: 'aud' }));

    await expect(new GoogleIdTokenSource(clients, () => T0).tokenFor('aud')).rejects.toThrow(/exp/);
  });
});
