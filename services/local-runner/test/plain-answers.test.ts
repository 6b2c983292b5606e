import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newImageId } from '@photo/shared/domain/ids';
import { noisyJpeg } from '@photo/shared/testing/images';
import { startHarness, type Harness } from './harness';
import { createParticipant, expectError, json, putPhoto, type CreatedParticipant } from './support';

const APP = 'http://app.example.test';
/** What the apps' middleware puts on every answer: compared between a plain answer and one from Express. */
const MIDDLEWARE_HEADERS = ['vary', 'access-control-allow-origin', 'access-control-expose-headers'];

const headersOf = (res: Response, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, res.headers.get(name)]));

/**
 * The hottest requests (a redeemed one-time link, a poll answered 304) are answered before Express: these check that
 * they carry what the Express stack would have given them, and that what they do not answer reaches the routes.
 */
describe('answers given before the Express stack', () => {
  let h: Harness;
  let alice: CreatedParticipant;

  beforeAll(async () => {
    h = await startHarness({ env: { APP_ORIGINS: APP } });
    alice = await createParticipant(h, await h.token('operator'), 'Alice');
    const shot = await noisyJpeg(160, 120, 5);
    expect((await putPhoto(h, await h.token('staff'), alice.participant.visitorId, shot)).status).toBe(201);
    await h.settle();
  });
  afterAll(() => h.stop());

  const poll = (etag: string | null, init: { token?: string; query?: string } = {}) =>
    h.api(`/me/updates${init.query ?? ''}`, {
      token: init.token ?? alice.participantToken,
      headers: { origin: APP, ...(etag ? { 'if-none-match': etag } : {}) },
    });

  it('when a phone polls with the ETag of everything it has seen, then 304 with the headers its 200 had', async () => {
    const full = await poll(null);
    expect(full.status).toBe(200);
    const notModified = await poll(full.headers.get('etag'), {
      query: `?since=${(await full.json()).cursor}`,
    });

    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(full.headers.get('etag'));
    expect(notModified.headers.get('cache-control')).toBe('private, no-cache');
    expect(notModified.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    expect(headersOf(notModified, MIDDLEWARE_HEADERS)).toEqual(headersOf(full, MIDDLEWARE_HEADERS));
  });

  it('when news arrived since the ETag, then the poll is answered 200 with it by the route', async () => {
    const before = await poll(null);
    await h.system.adapters.updates.record({
      visitorId: alice.participant.visitorId,
      imageId: newImageId(),
      version: 1,
      variant: 'original',
      updatedAt: new Date(),
    });
    const after = await poll(before.headers.get('etag'));
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
  });

  it('when the token of a conditional poll is unknown or the query is odd, then the route answers its error', async () => {
    const etag = (await poll(null)).headers.get('etag');
    await expectError(await poll(etag, { token: `pt_${'x'.repeat(40)}` }), 401, 'AUTH.UNAUTHENTICATED');
    await expectError(await poll(etag, { query: '?since=a&since=b' }), 400, 'REQUEST.INVALID');
  });

  it('when a participant asks for a one-time URL, then the plain answer and the route agree on status, headers and errors', async () => {
    const ask = (query: string, init: RequestInit) =>
      h.api(`/images/${alice.participant.photoImageId}/url${query}`, {
        method: 'POST',
        token: alice.participantToken,
        ...init,
        headers: { origin: APP, ...(init.headers as Record<string, string>) },
      });
    // A query sends the same request to the Express route.
    for (const query of ['', '?via=express']) {
      const issued = await ask(query, json({ variant: 'original' }));
      expect(issued.status).toBe(201);
      expect(issued.headers.get('cache-control')).toBe('no-store');
      expect(issued.headers.get('ratelimit-limit')).toMatch(/^[0-9]+$/);
      expect(headersOf(issued, MIDDLEWARE_HEADERS)).toMatchObject({
        vary: 'Origin',
        'access-control-allow-origin': APP,
      });
      const link = (await issued.json()) as { url: string; variant: string };
      expect(link.variant).toBe('original');
      expect((await h.fetch(link.url)).status).toBe(200);

      await expectError(
        await ask(query, { body: '{"variant":', headers: { 'content-type': 'application/json' } }),
        400,
        'REQUEST.MALFORMED_JSON',
      );
      await expectError(await ask(query, json({ variant: 'poster' })), 400, 'REQUEST.INVALID');
    }
    const unknown = await h.api(`/images/img_${'0'.repeat(20)}/url`, {
      method: 'POST',
      token: alice.participantToken,
    });
    await expectError(unknown, 404, 'IMAGE.NOT_FOUND');
  });

  it('when a link is redeemed from an app origin, then its answers carry the headers Express gives the same path', async () => {
    const plainMiss = await h.fetch(`${h.system.urls.imageServer}/i/${'A'.repeat(43)}`, {
      headers: { origin: APP },
    });
    // Percent-encoded, the same token is decoded by the Express route instead.
    const expressMiss = await h.fetch(`${h.system.urls.imageServer}/i/%41${'A'.repeat(42)}`, {
      headers: { origin: APP },
    });
    const names = [...MIDDLEWARE_HEADERS, 'content-type', 'cache-control'];
    expect(headersOf(plainMiss, names)).toEqual(headersOf(expressMiss, names));
    await expectError(plainMiss, 404, 'TOKEN.UNKNOWN');
    await expectError(expressMiss, 404, 'TOKEN.UNKNOWN');

    const link = await h.api(`/images/${alice.participant.photoImageId}/url`, {
      method: 'POST',
      token: alice.participantToken,
      ...json({ variant: 'original' }),
    });
    const { url } = (await link.json()) as { url: string };
    const image = await h.fetch(url, { headers: { origin: APP } });
    expect(image.status).toBe(200);
    expect(headersOf(image, MIDDLEWARE_HEADERS)).toEqual(headersOf(expressMiss, MIDDLEWARE_HEADERS));
    expect(image.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
  });
});
