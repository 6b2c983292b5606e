import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { createParticipant, expectError, json, type CreatedParticipant } from './support';

describe('bad input to the backend API, through real HTTP', () => {
  let h: Harness;
  let operator: string;
  let staff: string;
  let alice: CreatedParticipant;

  beforeAll(async () => {
    h = await startHarness({ env: { SELF_REGISTRATION: 'true' } });
    operator = await h.token('operator');
    staff = await h.token('staff');
    alice = await createParticipant(h, operator, 'Alice');
  });
  afterAll(() => h.stop());

  const participantCount = async () => {
    const res = await h.api('/participants?limit=200', { token: operator });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: unknown[] }).items.length;
  };

  describe('JSON bodies', () => {
    it.each([
      ['a cut-off object', '{"qr": "PQR1.'],
      ['a trailing comma', '{"qr": "x",}'],
      ['single quotes', "{'qr': 'x'}"],
      ['a bare string', '"PQR1"'],
      ['a bare null', 'null'],
    ])('when the JSON is malformed (%s), then 400 REQUEST.MALFORMED_JSON', async (_name, body) => {
      const res = await h.api('/checkin', {
        method: 'POST',
        token: staff,
        headers: { 'content-type': 'application/json' },
        body,
      });
      await expectError(res, 400, 'REQUEST.MALFORMED_JSON');
    });

    it('when a body carries an unknown field, then 400 REQUEST.INVALID names it and nothing is created', async () => {
      const before = await participantCount();
      const res = await h.api('/participants', {
        method: 'POST',
        token: operator,
        ...json({ displayName: 'Mallory', isAdmin: true }),
      });
      const error = await expectError(res, 400, 'REQUEST.INVALID');
      expect(JSON.stringify(error.details)).toContain('isAdmin');
      expect(await participantCount()).toBe(before);
    });

    it('when a body is a JSON array or carries a __proto__ key, then 400 REQUEST.INVALID', async () => {
      const array = await h.api('/checkin', {
        method: 'POST',
        token: staff,
        ...json([{ qr: alice.qrPayload }]),
      });
      await expectError(array, 400, 'REQUEST.INVALID');
      const proto = await h.api('/participants/register', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"displayName":"Eve","__proto__":{"source":"operator"}}',
      });
      await expectError(proto, 400, 'REQUEST.INVALID');
    });

    it('when a self-registration tries to set externalRef, then 400 REQUEST.INVALID', async () => {
      const res = await h.api('/participants/register', {
        method: 'POST',
        ...json({ displayName: 'Eve', externalRef: 'T-9999' }),
      });
      await expectError(res, 400, 'REQUEST.INVALID');
    });

    it('when a query string carries an unknown or out-of-range parameter, then 400 REQUEST.INVALID', async () => {
      await expectError(await h.api('/participants?admin=1', { token: operator }), 400, 'REQUEST.INVALID');
      await expectError(
        await h.api('/participants?limit=100000', { token: operator }),
        400,
        'REQUEST.INVALID',
      );
      await expectError(await h.api('/participants?limit=abc', { token: operator }), 400, 'REQUEST.INVALID');
      await expectError(
        await h.api(`/participants/${alice.participant.visitorId}/photo?expectedVersion=-1`, {
          method: 'PUT',
          token: staff,
          headers: { 'content-type': 'image/jpeg' },
          body: 'x',
        }),
        400,
        'REQUEST.INVALID',
      );
    });

    it('when an empty body is sent as JSON, then 400 REQUEST.INVALID', async () => {
      const res = await h.api('/checkin', {
        method: 'POST',
        token: staff,
        headers: { 'content-type': 'application/json' },
        body: '',
      });
      await expectError(res, 400, 'REQUEST.INVALID');
    });

    it('when a JSON route gets no body and no content type, then 415 REQUEST.UNSUPPORTED_MEDIA_TYPE', async () => {
      const res = await h.api('/checkin', { method: 'POST', token: staff });
      await expectError(res, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });

    it('when a JSON body is sent as text/plain or a form, then 415 REQUEST.UNSUPPORTED_MEDIA_TYPE', async () => {
      const body = JSON.stringify({ qr: alice.qrPayload });
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        const res = await h.api('/checkin', {
          method: 'POST',
          token: staff,
          headers: { 'content-type': type },
          body,
        });
        await expectError(res, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
      }
    });

    it('when a JSON body is larger than the limit, then 413 REQUEST.TOO_LARGE', async () => {
      const res = await h.api('/participants/register', {
        method: 'POST',
        ...json({ displayName: 'x'.repeat(6 * 1024 * 1024) }),
      });
      await expectError(res, 413, 'REQUEST.TOO_LARGE');
    });

    it('when the photo upload gets application/json, then it is refused with a 4xx and the photo is untouched', async () => {
      const valid = await h.api(`/participants/${alice.participant.visitorId}/photo`, {
        method: 'PUT',
        token: staff,
        ...json({ image: 'aGVsbG8=' }),
      });
      await expectError(valid, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
      const bytes = await h.api(`/participants/${alice.participant.visitorId}/photo`, {
        method: 'PUT',
        token: staff,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
      });
      // Not JSON the route reads: the wrong content type, whatever the bytes (not the JSON parser's 400).
      await expectError(bytes, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
      const photo = await h.api(`/participants/${alice.participant.visitorId}`, { token: operator });
      expect(((await photo.json()) as { status: { photoVersion: number } }).status.photoVersion).toBe(0);
    });
  });

  describe('ids in paths', () => {
    it.each([
      ['PUT', '/participants/..%2F..%2Fetc/photo'],
      ['PUT', '/participants/..%2F..%2F..%2F..%2Fetc%2Fpasswd/photo'],
      ['PUT', '/participants/v_..%5C..%5Cwindows/photo'],
      ['PUT', '/participants/v_aaaaaaaaaaaaaaaaaaaa%00/photo'],
      ['GET', '/participants/..%2F..%2Fetc'],
      ['GET', '/participants/v_.%2F..%2F..%2Fx/qr'],
      ['GET', '/images/img_..%2Fx'],
      ['POST', '/images/img_..%2Fx/url'],
      ['POST', '/images/img_%2e%2e%2f%2e%2e%2fx/url'],
      ['POST', '/admin/dead-letters/dl_..%2F..%2Fx/replay'],
    ])('when %s %s carries a path separator or dots, then 400 REQUEST.INVALID', async (method, path) => {
      const res = await h.api(path, {
        method,
        token: operator,
        headers: { 'content-type': 'image/jpeg' },
        body: method === 'GET' ? null : 'x',
      });
      await expectError(res, 400, 'REQUEST.INVALID');
    });

    it('when a path has a malformed percent-encoding, then 400 REQUEST.INVALID, not a 500', async () => {
      await expectError(await h.api('/participants/%E0%A4%A', { token: operator }), 400, 'REQUEST.INVALID');
      await expectError(
        await h.api('/images/img_%ZZ/url', { method: 'POST', token: operator }),
        400,
        'REQUEST.INVALID',
      );
    });

    it.each(['/participants/../../etc/photo', '/participants/%2e%2e/photo'])(
      'when the dotted path %s is normalised away, then it reaches no route: 404 ROUTE.NOT_FOUND',
      async (path) => {
        const res = await h.api(path, {
          method: 'PUT',
          token: staff,
          headers: { 'content-type': 'image/jpeg' },
          body: 'x',
        });
        await expectError(res, 404, 'ROUTE.NOT_FOUND');
      },
    );

    it('when a well-formed id does not exist, then 404 with the entity code', async () => {
      await expectError(
        await h.api('/participants/v_00000000000000000000', { token: operator }),
        404,
        'PARTICIPANT.NOT_FOUND',
      );
      await expectError(
        await h.api('/images/img_00000000000000000000', { token: operator }),
        404,
        'IMAGE.NOT_FOUND',
      );
      await expectError(
        await h.api('/images/img_00000000000000000000/url', { method: 'POST', token: operator }),
        404,
        'IMAGE.NOT_FOUND',
      );
    });
  });

  describe('routes and request ids', () => {
    it('when a route does not exist, then 404 ROUTE.NOT_FOUND as JSON', async () => {
      await expectError(await h.api('/nope'), 404, 'ROUTE.NOT_FOUND');
      await expectError(
        await h.api('/participants', { method: 'DELETE', token: operator }),
        404,
        'ROUTE.NOT_FOUND',
      );
      await expectError(await fetch(`${h.system.urls.imageServer}/nope`), 404, 'ROUTE.NOT_FOUND');
      // The token endpoint answers as OAuth clients read it (RFC 6749 §5.2), our code beside the OAuth error.
      const token = await fetch(`${h.system.urls.identity}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      });
      expect(token.status).toBe(415);
      expect(await token.json()).toMatchObject({
        error: 'invalid_request',
        code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        requestId: token.headers.get('x-request-id'),
      });
    });

    it('when the client sends a sane X-Request-Id, then the error carries it; an insane one is replaced', async () => {
      const sane = await h.api('/nope', { headers: { 'x-request-id': 'trace-abc.123' } });
      expect((await expectError(sane, 404, 'ROUTE.NOT_FOUND')).requestId).toBe('trace-abc.123');
      const insane = await h.api('/nope', { headers: { 'x-request-id': 'a b<script>' } });
      expect((await expectError(insane, 404, 'ROUTE.NOT_FOUND')).requestId).toMatch(/^[0-9a-z]{16}$/);
    });

    it('when errors are answered, then they are never cached', async () => {
      const res = await h.api('/nope');
      expect(res.headers.get('cache-control')).toBe('no-store');
      await res.arrayBuffer();
    });
  });
});
