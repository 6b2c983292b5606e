import { describe, expect, it } from 'vitest';
import { createApiClient } from './client';
import { readApiError, readErrorCode } from './errors';

describe('createApiClient', () => {
  it('when a call is made, then it carries the base URL, the bearer token and a request id', async () => {
    const seen: Request[] = [];
    const client = createApiClient({
      baseUrl: 'http://api.test/',
      getToken: async () => 'tok',
      newRequestId: () => 'req-1',
      fetch: async (request) => {
        seen.push(request);
        return Response.json(
          { error: { code: 'QR.EXPIRED', message: 'old', requestId: 'req-1' } },
          { status: 400 },
        );
      },
    });
    const { error, response } = await client.POST('/checkin', { body: { qr: 'x' } });
    expect(response.status).toBe(400);
    expect(seen[0]!.url).toBe('http://api.test/checkin');
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer tok');
    expect(seen[0]!.headers.get('x-request-id')).toBe('req-1');
    expect(readErrorCode(error)).toBe('QR.EXPIRED');
  });

  it('when there is no token, then no Authorization header is sent', async () => {
    let auth: string | null = 'unset';
    const client = createApiClient({
      baseUrl: 'http://api.test',
      getToken: async () => null,
      fetch: async (request) => {
        auth = request.headers.get('authorization');
        return Response.json({ status: 'ok' });
      },
    });
    await client.GET('/healthz');
    expect(auth).toBeNull();
  });
});

describe('readApiError', () => {
  it('when the body is not the API error shape, then it is null', () => {
    expect(readApiError('<html>')).toBeNull();
    expect(readApiError({ error: 'x' })).toBeNull();
    expect(readApiError(null)).toBeNull();
  });
  it('when the body is the API error shape, then code, message and request id are read', () => {
    expect(readApiError({ error: { code: 'A.B', message: 'm', requestId: 'r' } })).toEqual({
      code: 'A.B',
      message: 'm',
      requestId: 'r',
    });
  });
});
