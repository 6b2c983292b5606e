import { describe, expect, it } from 'vitest';
import { createApiClient } from '@photo/web/api/client';
import { tokenRefusalWatcher, type RefusalReason } from './token-refusal';

const refused = (code: string) =>
  Response.json({ error: { code, message: 'no', requestId: 'r' } }, { status: 401 });

async function reasonFor(answer: Response): Promise<{ reason: RefusalReason | null; status: number }> {
  let reason: RefusalReason | null = null;
  const api = createApiClient({ baseUrl: 'http://api.test', fetch: async () => answer });
  api.use(tokenRefusalWatcher((r) => (reason = r)));
  const { response, error } = await api.GET('/me');
  // The call itself still reads the body the watcher read.
  if (response.status === 401) expect(error).toBeTruthy();
  return { reason, status: response.status };
}

async function createReadCheck(): Promise<{ message: string }> {
  const api = createApiClient({
    baseUrl: 'http://api.test',
    fetch: async () => refused('AUTH.TOKEN_REVOKED'),
  });
  api.use(tokenRefusalWatcher(() => undefined));
  const { error } = await api.GET('/me');
  return (error as { error: { message: string } }).error;
}

describe('token refusal', () => {
  it('when the backend answers 401 AUTH.TOKEN_ROTATED or AUTH.TOKEN_REVOKED, then the reason is told apart', async () => {
    expect(await reasonFor(refused('AUTH.TOKEN_ROTATED'))).toEqual({ reason: 'rotated', status: 401 });
    expect((await createReadCheck()).message).toBe('no');
    expect(await reasonFor(refused('AUTH.TOKEN_REVOKED'))).toEqual({ reason: 'revoked', status: 401 });
  });

  it('when the token is simply unknown, or the 401 has no API body, then the reason is unknown', async () => {
    expect((await reasonFor(refused('AUTH.UNAUTHENTICATED'))).reason).toBe('unknown');
    expect((await reasonFor(new Response('<html>', { status: 401 }))).reason).toBe('unknown');
  });

  it('when the answer is not a 401, then nothing is recorded', async () => {
    expect((await reasonFor(Response.json({}, { status: 500 }))).reason).toBeNull();
  });
});
