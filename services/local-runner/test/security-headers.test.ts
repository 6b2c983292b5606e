import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingSecurityHeaders } from '@photo/shared/testing/security-headers';
import { noisyJpeg } from '@photo/shared/testing/images';
import { startHarness, type Harness } from './harness';
import { createParticipant, json, putPhoto } from './support';

const APP = 'https://app.example';

/** Every server of the running system answers with the security headers, errors and preflights included. */
describe('security headers on every answer of the system', () => {
  let h: Harness;
  let operator: string;

  beforeAll(async () => {
    h = await startHarness({ env: { APP_ORIGINS: APP } });
    operator = await h.token('operator');
  });
  afterAll(() => h.stop());

  const expectHeaders = (res: Response, corp = 'same-origin') => {
    expect(missingSecurityHeaders(res.headers), res.url).toEqual([]);
    expect(res.headers.get('cross-origin-resource-policy'), res.url).toBe(corp);
  };

  it('when the backend answers (health, an error, a document, a preflight), then each carries the headers', async () => {
    const { backend } = h.system.urls;
    for (const path of ['/healthz', '/openapi.json', '/participants', '/no/such/route'])
      expectHeaders(await fetch(`${backend}${path}`));
    expect((await fetch(`${backend}/participants`)).headers.get('content-security-policy')).toContain(
      "default-src 'none'",
    );
    const preflight = await fetch(`${backend}/me`, {
      method: 'OPTIONS',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'GET' },
    });
    expectHeaders(preflight);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('when the image server serves a one-time image to an app, then it is cross-origin readable, with the headers and CORS', async () => {
    const staff = await h.token('staff');
    const alice = await createParticipant(h, operator, 'Alice');
    expect((await putPhoto(h, staff, alice.participant.visitorId, await noisyJpeg(64, 48, 3))).status).toBe(
      201,
    );
    const issued = await h.api(`/images/${alice.participant.photoImageId}/url`, {
      method: 'POST',
      token: alice.participantToken,
      ...json({ variant: 'original' }),
    });
    const { url } = (await issued.json()) as { url: string };
    const image = await h.fetch(url, { headers: { Origin: APP } });
    expect(image.status).toBe(200);
    expectHeaders(image, 'cross-origin');
    expect(image.headers.get('access-control-allow-origin')).toBe(APP);
    // Used once: the error answer of the same fast path carries them too.
    const used = await h.fetch(url, { headers: { Origin: APP } });
    expect(used.status).toBe(410);
    expectHeaders(used);
    expectHeaders(await fetch(`${h.system.urls.imageServer}/healthz`));
    expectHeaders(await fetch(`${h.system.urls.imageServer}/internal/images`, { method: 'POST' }));
  });

  it('when the face gallery answers, then it carries the headers', async () => {
    expectHeaders(await fetch(`${h.system.urls.gallery}/healthz`));
    expectHeaders(await fetch(`${h.system.urls.gallery}/gallery`));
  });

  it('when the dev identity provider answers (discovery, keys, its login page), then each carries the headers and the page keeps its own policy', async () => {
    const { identity } = h.system.urls;
    expectHeaders(await fetch(`${identity}/.well-known/openid-configuration`));
    expectHeaders(await fetch(`${identity}/.well-known/jwks.json`));
    const page = await fetch(`${identity}/authorize?client_id=nobody`);
    expectHeaders(page);
    expect(page.headers.get('content-security-policy')).toMatch(/style-src 'nonce-/);
  });
});
