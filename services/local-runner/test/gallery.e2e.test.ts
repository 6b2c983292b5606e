import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '@photo/shared/adapters/sqlite/database';
import { faceSelfie, samplePhoto } from '@photo/shared/testing/face-samples';
import { blocksPng, noisyJpeg } from '@photo/shared/testing/images';
import { ingestGalleryDirectory } from '../src/ingest/ingest-gallery';
import { MODES, startHarness, type Harness } from './harness';
import { createParticipant, expectError } from './support';

interface Emotion {
  userId: string | null;
  expression: string;
  confidence: number;
  faceBox: { x: number; y: number; width: number; height: number };
  analysisId: string;
  galleryToken: string | null;
}
interface GalleryAnswer {
  userId: string;
  expression: string;
  items: { itemId: string; url: string; expiresAt: string }[];
}

describe.each(MODES)(
  'face gallery: selfie → expression → user → gallery → like → erasure, through real HTTP (%s)',
  (mode) => {
    let h: Harness;
    let userId: string;
    let token: string;
    const selfies: Record<string, Buffer> = {};

    // Through the harness: every answer is checked against the gallery's OpenAPI document.
    const gallery = (path: string, init: RequestInit = {}) =>
      h.fetch(`${h.system.urls.gallery}${path}`, init);
    const postJson = (path: string, body: unknown, bearer: string | null = token) =>
      gallery(path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const erase = (id: string, bearer: string | null = token) =>
      gallery(`/users/${id}`, {
        method: 'DELETE',
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
    const emotion = (bytes: Buffer, type = 'image/jpeg') =>
      gallery('/emotion', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(bytes) });
    const emotionOk = async (bytes: Buffer) => {
      const res = await emotion(bytes);
      expect(res.status).toBe(200);
      return (await res.json()) as Emotion;
    };
    const ingest = async (name: string, files: Record<string, Buffer>, ownerUserId?: string) => {
      const dir = join(h.dataDir, 'incoming', name);
      await mkdir(dir, { recursive: true });
      for (const [file, bytes] of Object.entries(files)) await writeFile(join(dir, file), bytes);
      const adapters = h.system.adapters as unknown as Parameters<typeof ingestGalleryDirectory>[0];
      const result = await ingestGalleryDirectory(
        {
          blobs: adapters.blobs,
          publisher: adapters.publisher,
          clock: { now: () => new Date() },
          bucket: 'images',
          prefix: 'gallery/',
        },
        dir,
        ownerUserId ? { ownerUserId } : {},
      );
      await h.settle();
      return result;
    };

    beforeAll(async () => {
      // More selfies than one address may send a minute by default.
      h = await startHarness({ mode, env: { GALLERY_RATE_EMOTION_PER_MINUTE: '0' } });
      selfies.first = await faceSelfie('fair');
      selfies.again = await faceSelfie('fair', {
        margin: 0.3,
        shiftX: 0.15,
        shiftY: -0.1,
        width: 480,
        brightness: 0.7,
      });
      selfies.stranger = await faceSelfie('dark');
    });
    afterAll(() => h.stop());

    it('when a first selfie arrives, then its expression is read and nobody is recognised', async () => {
      const first = await emotionOk(selfies.first!);
      expect(first).toMatchObject({ userId: null, expression: 'happy', galleryToken: null });
      expect(first.confidence).toBeGreaterThan(0.9);
      expect(first.faceBox.width).toBeGreaterThan(150);

      const created = await postJson('/createUser', {
        analysisId: first.analysisId,
        consent: true,
        expression: first.expression,
      });
      expect(created.status).toBe(201);
      const body = (await created.json()) as {
        userId: string;
        created: boolean;
        faceIndexed: boolean;
        faceExpiresAt: string;
        galleryToken: string;
      };
      expect(body).toMatchObject({ created: true, faceIndexed: true, expression: 'happy' });
      expect(body.galleryToken).toMatch(/^gt_[A-Za-z0-9_-]{43}$/);
      userId = body.userId;
      token = body.galleryToken;

      // A retried createUser lands on the same user.
      const retry = await postJson('/createUser', { analysisId: first.analysisId, consent: true });
      expect(retry.status).toBe(200);
      expect(await retry.json()).toMatchObject({ userId, created: false, faceIndexed: true });
    });

    it('when the same person sends a re-framed, darker selfie, then they are recognised with a token of their own; a stranger is not', async () => {
      const again = await emotionOk(selfies.again!);
      expect(again.userId).toBe(userId);
      expect(again.galleryToken).toMatch(/^gt_/);
      expect((await postJson('/gallery', { userId }, again.galleryToken!)).status).toBe(200);
      expect(await emotionOk(selfies.stranger!)).toMatchObject({ userId: null, galleryToken: null });
    });

    it("when a caller has no token, a wrong one, or another user's, then the gallery, likes and erasure refuse", async () => {
      const stranger = await emotionOk(selfies.stranger!);
      const other = (await (
        await postJson('/createUser', { analysisId: stranger.analysisId, consent: false }, null)
      ).json()) as { userId: string; galleryToken: string };
      const item = 'img_00000000000000000000';
      await expectError(await postJson('/gallery', { userId }, null), 401, 'AUTH.UNAUTHENTICATED');
      await expectError(
        await postJson('/gallery', { userId }, `gt_${'x'.repeat(43)}`),
        401,
        'AUTH.UNAUTHENTICATED',
      );
      await expectError(await postJson('/gallery', { userId }, other.galleryToken), 403, 'AUTH.FORBIDDEN');
      await expectError(
        await postJson('/like', { userId, itemId: item }, other.galleryToken),
        403,
        'AUTH.FORBIDDEN',
      );
      await expectError(await erase(userId, other.galleryToken), 403, 'AUTH.FORBIDDEN');
      await expectError(await erase(userId, null), 401, 'AUTH.UNAUTHENTICATED');
      expect((await postJson('/gallery', { userId })).status).toBe(200);
      expect((await erase(other.userId, other.galleryToken)).status).toBe(204);
    });

    it("when a participant makes a gallery user with their participant token, then that token acts as the user's", async () => {
      const participant = await createParticipant(h, await h.token('operator'));
      const first = await emotionOk(selfies.stranger!);
      const created = await postJson(
        '/createUser',
        { analysisId: first.analysisId, consent: false },
        participant.participantToken,
      );
      expect(created.status).toBe(201);
      const made = (await created.json()) as { userId: string };
      expect((await postJson('/gallery', { userId: made.userId }, participant.participantToken)).status).toBe(
        200,
      );
      await expectError(
        await postJson('/gallery', { userId }, participant.participantToken),
        403,
        'AUTH.FORBIDDEN',
      );
      // A phone that does not know the user id asks which user the token stands for.
      const me = (bearer: string) => gallery('/me', { headers: { authorization: `Bearer ${bearer}` } });
      expect(await (await me(participant.participantToken)).json()).toEqual({
        userId: made.userId,
        faceExpiresAt: null,
      });
      expect(((await (await me(token)).json()) as { userId: string }).userId).toBe(userId);
      await expectError(await gallery('/me'), 401, 'AUTH.UNAUTHENTICATED');
      expect((await erase(made.userId, participant.participantToken)).status).toBe(204);
      await expectError(
        await postJson('/gallery', { userId: made.userId }, participant.participantToken),
        403,
        'AUTH.FORBIDDEN',
      );
      expect(await (await me(participant.participantToken)).json()).toEqual({
        userId: null,
        faceExpiresAt: null,
      });
    });

    it('when images are copied into the gallery, then they are catalogued in order and recommended, never own or liked ones', async () => {
      const colours: [number, number, number][] = [
        [200, 40, 40],
        [40, 200, 40],
        [40, 40, 200],
        [200, 200, 40],
      ];
      const files = Object.fromEntries(
        await Promise.all(
          colours.map(
            async (c, i) => [`photo-${i}.png`, await blocksPng(160, 120, [c, [255 - c[0], 90, 90]])] as const,
          ),
        ),
      );
      const ingested = await ingest('public', { ...files, 'notes.txt': Buffer.from('not an image') });
      expect(ingested.copied).toEqual([
        'gallery/photo-0.png',
        'gallery/photo-1.png',
        'gallery/photo-2.png',
        'gallery/photo-3.png',
      ]);
      await ingest('mine', { 'my-photo.jpg': await noisyJpeg(160, 120, 9) }, userId);
      // Copying the same folder again announces nothing new.
      expect((await ingest('public', files)).copied).toEqual([]);

      const all = (await (await postJson('/gallery', { userId, limit: 50 })).json()) as GalleryAnswer;
      expect(all.items).toHaveLength(4);
      const liked = all.items[0]!.itemId;
      const like = await postJson('/like', { userId, itemId: liked });
      expect(like.status).toBe(201);
      expect((await postJson('/like', { userId, itemId: liked })).status).toBe(200);

      const answer = await postJson('/gallery', { userId, expression: 'surprised' });
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as GalleryAnswer;
      expect(body.expression).toBe('surprised');
      expect(body.items).toHaveLength(3);
      expect(body.items.map((i) => i.itemId)).not.toContain(liked);
      const image = await h.fetch(body.items[0]!.url);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect((await h.fetch(body.items[0]!.url)).status).toBe(410);
    });

    it('when selfies are refused, then each says why with a stable code, and no selfie stays on disk', async () => {
      const expectError = async (res: Response, status: number, code: string) => {
        expect(res.status).toBe(status);
        const { error } = (await res.json()) as { error: { code: string; details?: unknown } };
        expect(error.code).toBe(code);
        return error.details;
      };
      // The competing faces' boxes come along, so the app can offer to crop to one of them.
      const several = await expectError(await emotion(await readFile(samplePhoto(1))), 422, 'FACE.SEVERAL');
      const box = {
        x: expect.any(Number),
        y: expect.any(Number),
        width: expect.any(Number),
        height: expect.any(Number),
      };
      const { count, faces } = several as { count: number; faces: unknown[] };
      expect(count).toBeGreaterThan(1);
      expect(faces).toEqual(Array.from({ length: count }, () => box));
      await expectError(await emotion(await noisyJpeg(320, 240)), 422, 'FACE.NONE');
      await expectError(await emotion(Buffer.from('this is not a jpeg at all')), 422, 'IMAGE.INVALID');
      // One face about 60 px across in a 640 px picture: found, but too small to recognise (the minimum is 80).
      const distant = await sharp(await faceSelfie('fair', { width: 140 }))
        .extend({ top: 250, bottom: 250, left: 250, right: 250, background: '#808080' })
        .jpeg()
        .toBuffer();
      await expectError(await emotion(distant), 422, 'FACE.TOO_SMALL');
      await expectError(
        await emotion(Buffer.from('{}'), 'application/json'),
        415,
        'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      );
      await expectError(await emotion(Buffer.alloc(6 * 1024 * 1024, 1)), 413, 'REQUEST.TOO_LARGE');
      expect(await readdir(join(h.dataDir, 'tmp', 'selfies'))).toEqual([]);
    });

    it('when a user declines consent, then they exist but their face is never indexed', async () => {
      const stranger = await emotionOk(selfies.stranger!);
      // Without a token: a new user (with the first user's token it would join that user).
      const created = await postJson(
        '/createUser',
        { analysisId: stranger.analysisId, consent: false },
        null,
      );
      expect(await created.json()).toMatchObject({ created: true, faceIndexed: false, faceExpiresAt: null });
      expect((await emotionOk(selfies.stranger!)).userId).toBeNull();
    });

    it('when a user is erased, then they are recognised nowhere and their gallery is gone', async () => {
      expect((await erase('not-a-user')).status).toBe(400);
      const before = (await (await gallery(`/users/${userId}/erasure`)).json()) as { erased: boolean };
      expect(before.erased).toBe(false);
      const erased = await erase(userId);
      expect(erased.status).toBe(204);
      // Followed where the answer says, without a token (the user's went with them).
      const progress = await gallery(erased.headers.get('location')!);
      expect(progress.status).toBe(200);
      expect(await progress.json()).toEqual({
        userId,
        erased: true,
        recommender: { state: 'completed', jobId: null, reason: null },
      });
      // Recorded for the organisers: who erased, which user, the request id.
      const audit = await h.api('/admin/audit?limit=5', { token: await h.token('operator') });
      const { items } = (await audit.json()) as { items: Record<string, unknown>[] };
      expect(items.find((e) => e.action === 'gallery-user.erased' && e.target === userId)).toMatchObject({
        actor: `gallery-user:${userId}`,
        requestId: erased.headers.get('x-request-id'),
      });
      expect((await emotionOk(selfies.again!)).userId).toBeNull();
      // The token went with the user.
      await expectError(await postJson('/gallery', { userId }), 401, 'AUTH.UNAUTHENTICATED');
      await expectError(
        await postJson('/like', { userId, itemId: 'img_00000000000000000000' }),
        401,
        'AUTH.UNAUTHENTICATED',
      );
      await expectError(await erase(userId), 401, 'AUTH.UNAUTHENTICATED');
      if (mode === 'embedded') {
        const db = (h.system.adapters as unknown as { db: SqliteDatabase }).db;
        const rows = (sql: string) => db.prepare(sql).pluck().get({ userId }) as number;
        expect(rows('SELECT count(*) FROM face_index WHERE user_id = @userId')).toBe(0);
        expect(rows('SELECT count(*) FROM gallery_likes WHERE user_id = @userId')).toBe(0);
        expect(rows('SELECT count(*) FROM gallery_items WHERE owner_user_id = @userId')).toBe(0);
        expect(rows('SELECT count(*) FROM gallery_sessions WHERE user_id = @userId')).toBe(0);
        expect(
          rows(
            'SELECT count(*) FROM face_analyses WHERE matched_user_id = @userId OR used_by_user_id = @userId',
          ),
        ).toBe(0);
      }
    });

    it('when a face’s retention ends, then the sweep removes it and the user is no longer recognised', async () => {
      const first = await emotionOk(selfies.first!);
      const created = (await (
        await postJson('/createUser', { analysisId: first.analysisId, consent: true }, null)
      ).json()) as { userId: string };
      expect((await emotionOk(selfies.again!)).userId).toBe(created.userId);
      await h.system.gallery.gallery.users.setFaceExpiry(
        created.userId,
        new Date(Date.now() - 1000),
        new Date(),
      );
      const swept = await h.system.gallery.sweep();
      expect(swept.faces).toBeGreaterThanOrEqual(1);
      expect((await emotionOk(selfies.again!)).userId).toBeNull();
    });
  },
);
