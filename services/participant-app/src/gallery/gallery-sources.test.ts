import { describe, expect, it } from 'vitest';
import { createGalleryClient } from '@photo/web/api/gallery-client';
import { ApiCallError } from '../app/api-sources';
import { eraseGalleryUser, galleryUserOf, joinGallery, readExpression } from './gallery-sources';

const USER = 'gu_aaaaaaaaaaaaaaaaaaaaaaaaaa';

function gallery(answer: (request: Request) => Response | Promise<Response>) {
  const sent: Request[] = [];
  const client = createGalleryClient({
    baseUrl: 'http://gallery.test',
    getToken: async () => 'pt_participant-token-0123456789',
    fetch: async (request) => (sent.push(request), answer(request)),
  });
  return { client, sent };
}

const error = (status: number, code: string, headers: Record<string, string> = {}) =>
  Response.json({ error: { code, message: code, requestId: 'r' } }, { status, headers });

describe('gallery sources', () => {
  it('when a selfie is read, then its JPEG bytes are the body, with the participant token', async () => {
    const { client, sent } = gallery(() =>
      Response.json({
        userId: null,
        expression: 'happy',
        confidence: 0.97,
        faceBox: { x: 1, y: 2, width: 200, height: 220 },
        analysisId: `fa_${'b'.repeat(26)}`,
        analysisExpiresAt: '2026-01-01T00:10:00Z',
        galleryToken: null,
        galleryTokenExpiresAt: null,
      }),
    );
    const selfie = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' });
    expect((await readExpression(client, selfie)).expression).toBe('happy');
    expect(sent[0]!.headers.get('content-type')).toBe('image/jpeg');
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer pt_participant-token-0123456789');
    expect(new Uint8Array(await sent[0]!.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]));
  });

  it('when the face is refused or the address is rate limited, then the code and the wait come with the error', async () => {
    const { client } = gallery(() => error(429, 'RATE.LIMITED', { 'Retry-After': '12' }));
    const failed = await readExpression(client, new Blob(['x'], { type: 'image/jpeg' })).catch(
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(ApiCallError);
    expect(failed).toMatchObject({ status: 429, code: 'RATE.LIMITED', retryAfter: 12 });
  });

  it('when consent is given or not, then createUser says so explicitly', async () => {
    const { client, sent } = gallery(() => error(404, 'ANALYSIS.NOT_FOUND'));
    const emotion = { analysisId: `fa_${'c'.repeat(26)}`, expression: 'sad' } as Parameters<
      typeof joinGallery
    >[1];
    await expect(joinGallery(client, emotion, false)).rejects.toMatchObject({ code: 'ANALYSIS.NOT_FOUND' });
    expect(await sent[0]!.json()).toEqual({
      analysisId: emotion.analysisId,
      consent: false,
      expression: 'sad',
    });
  });

  it('when the erasure answers 204, or 403 because the token no longer stands for that user, then it is done', async () => {
    for (const status of [204, 403]) {
      const { client, sent } = gallery(() =>
        status === 204 ? new Response(null, { status }) : error(status, 'AUTH.FORBIDDEN'),
      );
      await eraseGalleryUser(client, USER);
      expect(sent[0]!.method).toBe('DELETE');
      expect(new URL(sent[0]!.url).pathname).toBe(`/users/${USER}`);
    }
  });

  it('when the erasure cannot be done (the gallery fails), then it throws and the caller keeps the device as it is', async () => {
    const { client } = gallery(() => error(502, 'DEPENDENCY.FAILED'));
    await expect(eraseGalleryUser(client, USER)).rejects.toMatchObject({
      status: 502,
      code: 'DEPENDENCY.FAILED',
    });
  });

  it('when the phone asks who it is, then the gallery names the user the token stands for, or null', async () => {
    const { client } = gallery(() => Response.json({ userId: USER, faceExpiresAt: null }));
    expect(await galleryUserOf(client)).toBe(USER);
    const none = gallery(() => Response.json({ userId: null, faceExpiresAt: null }));
    expect(await galleryUserOf(none.client)).toBeNull();
  });
});
