import { describe, expect, it } from 'vitest';
import { createApiClient } from '@photo/web/api/client';
import { ApiCallError, issueImageUrl } from './api-sources';

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
