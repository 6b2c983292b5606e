import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyJpeg } from '@photo/shared/testing/images';
import { startHarness, type Harness } from './harness';
import { createParticipant, expectError, json, putPhoto } from './support';

/** What the code answers is what docs/openapi.json and docs/api.md say it answers (the harness checks each answer). */
describe('the documented contract, through real HTTP', () => {
  let h: Harness;
  let operator: string;
  let staff: string;

  beforeAll(async () => {
    h = await startHarness();
    operator = await h.token('operator');
    staff = await h.token('staff');
  });
  afterAll(() => h.stop());

  const participantCount = async () => {
    const res = await h.api('/participants?limit=200', { token: operator });
    return ((await res.json()) as { items: unknown[] }).items.length;
  };

  it('when a JSON body other than an import is over 1 MB, then 413 REQUEST.TOO_LARGE with the 1 MB limit', async () => {
    const body = { displayName: 'Big', note: 'x'.repeat(1_100_000) };
    const error = await expectError(
      await h.api('/participants', { method: 'POST', token: operator, ...json(body) }),
      413,
      'REQUEST.TOO_LARGE',
    );
    expect(error.details).toEqual({ limitBytes: 1024 * 1024 });
  });

  it('when a JSON import is over 1 MB but under 5 MB, then it is imported', async () => {
    const participants = Array.from({ length: 6000 }, (_, i) => ({
      displayName: `Person ${i} ${'n'.repeat(80)}`,
      email: `person.${i}.${'e'.repeat(60)}@example.com`,
      externalRef: `BIG-${i}`,
    }));
    const text = JSON.stringify({ participants });
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const res = await h.api('/participants/import', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'application/json' },
      body: text,
    });
    const answer = (await res.json()) as { created: unknown[] };
    expect(res.status, JSON.stringify(answer).slice(0, 300)).toBe(201);
    expect(answer.created).toHaveLength(6000);
  });

  it('when an import is over 5 MB, then 413 REQUEST.TOO_LARGE, as JSON and as CSV', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024 + 10);
    for (const contentType of ['application/json', 'text/csv']) {
      const error = await expectError(
        await h.api('/participants/import', {
          method: 'POST',
          token: operator,
          headers: { 'content-type': contentType },
          body:
            contentType === 'text/csv' ? `displayName\n${big}\n` : JSON.stringify({ participants: [big] }),
        }),
        413,
        'REQUEST.TOO_LARGE',
      );
      expect(error.details).toEqual({ limitBytes: 5 * 1024 * 1024 });
    }
  });

  it('when a CSV import has a column it does not know, then 400 IMPORT.INVALID names it and nothing is imported', async () => {
    const before = await participantCount();
    const error = await expectError(
      await h.api('/participants/import', {
        method: 'POST',
        token: operator,
        headers: { 'content-type': 'text/csv' },
        body: 'displayName,e-mail,externalRef\nCol One,one@example.com,COL-1\n',
      }),
      400,
      'IMPORT.INVALID',
    );
    expect(error.details).toEqual({
      issues: [{ row: 0, message: expect.stringContaining('unknown columns: e-mail') }],
    });
    expect(await participantCount()).toBe(before);
  });

  it.each([
    '/participants?limit=0x10',
    '/participants?limit=1e1',
    '/participants?limit=%2010',
    '/images?limit=',
  ])(
    'when an integer in the query string is not plain decimal digits (%s), then 400 REQUEST.INVALID',
    async (path) => {
      const error = await expectError(await h.api(path, { token: operator }), 400, 'REQUEST.INVALID');
      expect(JSON.stringify(error.details)).toContain('limit');
    },
  );

  it('when expectedVersion is not plain decimal digits, then 400 REQUEST.INVALID and no photo is stored', async () => {
    const { participant } = await createParticipant(h, operator);
    const res = await putPhoto(h, staff, participant.visitorId, await noisyJpeg(64, 48), {});
    expect(res.status).toBe(201);
    const again = await h.api(`/participants/${participant.visitorId}/photo?expectedVersion=0x1`, {
      method: 'PUT',
      token: staff,
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(await noisyJpeg(64, 48, 2)),
    });
    await expectError(again, 400, 'REQUEST.INVALID');
    const image = await h.system.adapters.images.get(participant.photoImageId);
    expect(image?.currentVersion).toBe(1);
  });

  it('when JSON is sent to an image upload route, then 415 REQUEST.UNSUPPORTED_MEDIA_TYPE, malformed or not', async () => {
    const { participant } = await createParticipant(h, operator);
    for (const body of ['{"not":', '{"a":1}']) {
      await expectError(
        await h.api(`/participants/${participant.visitorId}/photo`, {
          method: 'PUT',
          token: staff,
          headers: { 'content-type': 'application/json' },
          body,
        }),
        415,
        'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      );
      await expectError(
        await h.api('/images', {
          method: 'POST',
          token: operator,
          headers: { 'content-type': 'application/json' },
          body,
        }),
        415,
        'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      );
    }
    const image = await h.system.adapters.images.get(participant.photoImageId);
    expect(image?.currentVersion ?? 0).toBe(0);
  });

  it('when a JSON route gets malformed JSON, then it still answers 400 REQUEST.MALFORMED_JSON', async () => {
    await expectError(
      await h.api('/participants', {
        method: 'POST',
        token: operator,
        headers: { 'content-type': 'application/json' },
        body: '{"displayName":',
      }),
      400,
      'REQUEST.MALFORMED_JSON',
    );
    await expectError(
      await h.api('/participants/import', {
        method: 'POST',
        token: operator,
        headers: { 'content-type': 'application/json' },
        body: '{"participants":[',
      }),
      400,
      'REQUEST.MALFORMED_JSON',
    );
  });

  it('when a photo exists and expectedVersion=0 is sent, then the 409 reports expectedVersion 0, with a key or not', async () => {
    const { participant } = await createParticipant(h, operator);
    expect((await putPhoto(h, staff, participant.visitorId, await noisyJpeg(64, 48))).status).toBe(201);
    for (const key of [undefined, 'retry-key-000001']) {
      const res = await h.api(`/participants/${participant.visitorId}/photo?expectedVersion=0`, {
        method: 'PUT',
        token: staff,
        headers: { 'content-type': 'image/jpeg', ...(key ? { 'idempotency-key': key } : {}) },
        body: new Uint8Array(await noisyJpeg(64, 48, 3)),
      });
      const error = await expectError(res, 409, 'IMAGE.VERSION_CONFLICT');
      expect(error.details, key ?? 'no key').toEqual({ currentVersion: 1, expectedVersion: 0 });
    }
  });
});
