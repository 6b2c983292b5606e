import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

const APP = 'http://staff.app.test:8083';
const OTHER = 'http://elsewhere.test';

const preflight = (url: string, origin: string, method: string, headers: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': headers,
    },
  });

describe('CORS of the APIs the browser apps call, as the runner composes them', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { APP_ORIGINS: `${APP},http://participant.app.test` } });
  });
  afterAll(() => h.stop());

  it('when the staff app asks before its photo upload, then the backend allows its origin, method and headers', async () => {
    const res = await preflight(
      `${h.system.urls.backend}/participants/p1/photo`,
      APP,
      'PUT',
      'authorization,content-type,idempotency-key,x-request-id',
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
  });

  it('when the app calls the backend, then even its refusal is readable there, request id exposed', async () => {
    const res = await h.api('/me', { headers: { Origin: APP } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });

  it('when another origin calls the backend, then no CORS header answers it', async () => {
    const res = await preflight(`${h.system.urls.backend}/checkin`, OTHER, 'POST', 'authorization');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const call = await h.api('/me', { headers: { Origin: OTHER } });
    expect(call.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when the app fetches a one-time URL or PUTs to an upload target, then the image server allows it; its internal routes never', async () => {
    const image = await preflight(`${h.system.urls.imageServer}/i/some-token`, APP, 'GET', 'x-request-id');
    expect(image.headers.get('access-control-allow-origin')).toBe(APP);
    const upload = await preflight(`${h.system.urls.imageServer}/u/some-policy`, APP, 'PUT', 'content-type');
    expect(upload.headers.get('access-control-allow-origin')).toBe(APP);
    const internal = await preflight(
      `${h.system.urls.imageServer}/internal/images/x/links`,
      APP,
      'POST',
      'authorization',
    );
    expect(internal.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when the participant app calls the gallery, then it allows the listed origins', async () => {
    const res = await preflight(
      `${h.system.urls.gallery}/gallery`,
      'http://participant.app.test',
      'GET',
      'authorization',
    );
    expect(res.headers.get('access-control-allow-origin')).toBe('http://participant.app.test');
  });

  it('when a request carries no Origin, then the answer is as before, without CORS headers', async () => {
    const res = await h.api('/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
