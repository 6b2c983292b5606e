import { describe, expect, it } from 'vitest';
import { createApiClient } from '@photo/web/api/client';
import { ApiCallError, fetchCheckInCode, issueImageUrl, TokenRefusedError } from './api-sources';

const limited = (seconds: number) =>
  Response.json(
    { error: { code: 'RATE.LIMITED', message: 'slow down', requestId: 'r' } },
    { status: 429, headers: { 'Retry-After': String(seconds) } },
  );
const issued = () =>
  Response.json({
    url: 'http://img.test/i/t',
    version: 1,
    variant: 'original',
    expiresAt: '2026-01-01T00:00:00Z',
  });

function api(answers: Response[]) {
  const sent: Request[] = [];
  const client = createApiClient({
    baseUrl: 'http://api.test',
    fetch: async (request) => (sent.push(request), answers.shift()!),
  });
  return { client, sent };
}

describe('issueImageUrl', () => {
  it('when the URL is refused with 429, then it is asked again after Retry-After', async () => {
    const { client, sent } = api([limited(3), issued()]);
    const waits: number[] = [];
    const link = await issueImageUrl(client, 'img_00000000000000000000', async (ms) => void waits.push(ms));
    expect(link).toEqual({ url: 'http://img.test/i/t', version: 1, variant: 'original' });
    expect(waits).toEqual([3000]);
    expect(sent).toHaveLength(2);
  });

  it('when the wait is long, then the 429 comes back with its seconds for the card to show', async () => {
    const { client, sent } = api([limited(120)]);
    const failed = await issueImageUrl(client, 'img_00000000000000000000', async () => {}).catch((e) => e);
    expect(failed).toBeInstanceOf(ApiCallError);
    expect(failed).toMatchObject({ status: 429, code: 'RATE.LIMITED', retryAfter: 120 });
    expect(sent).toHaveLength(1);
  });
});

describe('fetchCheckInCode', () => {
  const me = Response.json({
    participant: {
      visitorId: 'v_00000000000000000000',
      displayName: 'Mio',
      email: null,
      externalRef: null,
      source: 'operator',
      photoImageId: 'img_00000000000000000000',
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    status: { state: 'not-photographed', photoVersion: 0 },
  });
  const byPath = (answers: Record<string, Response>) =>
    createApiClient({
      baseUrl: 'http://api.test',
      fetch: async (request) => answers[new URL(request.url).pathname]!,
    });

  it('when both answer, then the fresh payload, its expiry and the name are the code to keep', async () => {
    const qr = Response.json({
      qrPayload: 'PQR1.v_00000000000000000000.abc.mac',
      expiresAt: '2027-01-04T08:00:00.000Z',
    });
    const code = await fetchCheckInCode(byPath({ '/me/qr': qr, '/me': me.clone() }));
    expect(code).toEqual({
      payload: 'PQR1.v_00000000000000000000.abc.mac',
      displayName: 'Mio',
      expiresAt: '2027-01-04T08:00:00.000Z',
    });
  });

  it('when the token is refused, then TokenRefusedError', async () => {
    const refused = () =>
      Response.json({ error: { code: 'AUTH.TOKEN_REVOKED', message: 'x', requestId: 'r' } }, { status: 401 });
    const failed = await fetchCheckInCode(byPath({ '/me/qr': refused(), '/me': refused() })).catch((e) => e);
    expect(failed).toBeInstanceOf(TokenRefusedError);
  });
});
