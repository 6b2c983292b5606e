import { describe, expect, it } from 'vitest';
import { createApiClient } from './client';

const refused = (code: string) =>
  Response.json({ error: { code, message: 'm', requestId: 'r' } }, { status: 401 });

function clientAnswering(answers: Response[]) {
  const seen: { auth: string | null; body: string }[] = [];
  const client = createApiClient({
    baseUrl: 'http://api.test',
    getToken: async () => 'old',
    renewToken: async () => 'new',
    fetch: async (request) => {
      seen.push({ auth: request.headers.get('authorization'), body: await request.text() });
      return answers.shift() ?? Response.json({ ok: true });
    },
  });
  return { client, seen };
}

describe('token renewal', () => {
  it('when the API says the token expired, then the call goes once more, body and all, with a renewed token', async () => {
    const { client, seen } = clientAnswering([refused('AUTH.TOKEN_EXPIRED')]);
    const { response } = await client.POST('/checkin', { body: { qr: 'x' } });
    expect(response.status).toBe(200);
    expect(seen).toEqual([
      { auth: 'Bearer old', body: '{"qr":"x"}' },
      { auth: 'Bearer new', body: '{"qr":"x"}' },
    ]);
  });

  it('when the renewed token is refused too, then that answer is passed on, with no third try', async () => {
    const { client, seen } = clientAnswering([refused('AUTH.TOKEN_EXPIRED'), refused('AUTH.TOKEN_EXPIRED')]);
    expect((await client.GET('/healthz')).response.status).toBe(401);
    expect(seen).toHaveLength(2);
  });

  it('when a 401 says anything else, then it is passed on as it came', async () => {
    const { client, seen } = clientAnswering([refused('AUTH.UNAUTHENTICATED')]);
    expect((await client.GET('/healthz')).response.status).toBe(401);
    expect(seen).toHaveLength(1);
  });
});
