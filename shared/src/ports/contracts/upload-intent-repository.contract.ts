import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newImageId, newUploadIntentId, newVisitorId } from '../../domain/ids';
import { newUploadIntent, type UploadIntent } from '../../domain/upload';
import type { UploadIntentRepository, UploadQuota } from '../upload-intent-repository.port';

export interface UploadIntentRepositoryFixture {
  repo: UploadIntentRepository;
  teardown: () => Promise<void>;
}

const T0 = Date.parse('2025-06-01T10:00:00.000Z');
export const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

export function newIntent(overrides: Partial<UploadIntent> = {}): UploadIntent {
  const intent = newUploadIntent({
    intentId: overrides.intentId ?? newUploadIntentId(),
    purpose: 'event',
    imageId: newImageId(),
    ownerVisitorId: null,
    callerKey: 'user:test|staff',
    fileName: 'photo.jpg',
    contentType: 'image/jpeg',
    size: 1000,
    sha256: null,
    expectedVersion: 0,
    callbackUrl: null,
    callbackSecret: null,
    createdAt: at(0),
    expiresAt: at(600),
  });
  return { ...intent, ...overrides };
}

const roomy: UploadQuota = { now: at(0), since: at(-3600), maxPending: 100, maxBytes: 1e12 };

/** The semantics every UploadIntentRepository adapter must keep; run it against each one. */
export function uploadIntentRepositoryContract(
  name: string,
  setup: () => Promise<UploadIntentRepositoryFixture>,
) {
  describe(`UploadIntentRepository contract: ${name}`, () => {
    let repo: UploadIntentRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });

    it('when an intent is created with every field set, then it reads back equal', async () => {
      const intent = newIntent({
        purpose: 'participant-photo',
        ownerVisitorId: newVisitorId(),
        sha256: 'a'.repeat(64),
        callbackUrl: 'https://example.test/hook',
        callbackSecret: 'whsec_abc',
        status: 'ready',
        reason: { code: 'X.Y', message: 'why' },
        steps: {
          verify: {
            status: 'done',
            startedAt: at(1),
            finishedAt: at(2),
            durationMs: 1000,
            attempts: 1,
            error: null,
          },
        },
        metadata: {
          width: 10,
          height: 20,
          format: 'jpeg',
          orientation: 6,
          capturedAt: '2025-05-01T10:00:00',
          cameraMake: 'Make',
          cameraModel: 'Model',
          hadGps: true,
        },
        derivatives: [
          {
            variant: 'r256-webp',
            maxSide: 256,
            format: 'webp',
            blobKey: 'derived/uploads/x/r256-webp',
            contentType: 'image/webp',
            width: 128,
            height: 256,
            bytes: 99,
            sha256: 'b'.repeat(64),
          },
        ],
        result: { imageId: newImageId(), version: 3 },
        callback: { state: 'delivered', attempts: 2, lastError: 'x', deliveredRevision: 7, updatedAt: at(9) },
      });
      expect(await repo.create(intent, roomy)).toEqual({ outcome: 'created', intent });
      expect(await repo.get(intent.intentId)).toEqual(intent);
      expect(await repo.get(newUploadIntentId())).toBeNull();
    });

    it('when a caller has as many pending intents as allowed, then one more is refused with the counts', async () => {
      const quota = { ...roomy, maxPending: 2 };
      await repo.create(newIntent({ size: 10 }), quota);
      await repo.create(newIntent({ size: 20 }), quota);
      await repo.create(newIntent({ callerKey: 'user:someone-else' }), quota);
      expect(await repo.create(newIntent(), quota)).toEqual({
        outcome: 'quota-exceeded',
        pending: 2,
        bytes: 30,
      });
    });

    it('when pending intents expired or were uploaded, then they no longer count as pending', async () => {
      const quota = { ...roomy, maxPending: 1 };
      await repo.create(newIntent({ expiresAt: at(-1) }), quota);
      const uploaded = newIntent();
      await repo.create(uploaded, quota);
      await repo.update(uploaded.intentId, (i) => ({ ...i, status: 'uploaded' }));
      expect((await repo.create(newIntent(), quota)).outcome).toBe('created');
    });

    it('when the bytes of the last hour would pass the limit, then the intent is refused; older ones do not count', async () => {
      const quota = { ...roomy, maxBytes: 2500 };
      await repo.create(newIntent({ size: 5000, createdAt: at(-4000) }), roomy);
      await repo.create(newIntent({ size: 2000 }), quota);
      expect(await repo.create(newIntent({ size: 600 }), quota)).toMatchObject({
        outcome: 'quota-exceeded',
        bytes: 2000,
      });
      expect((await repo.create(newIntent({ size: 500 }), quota)).outcome).toBe('created');
    });

    it('when updated, then the change applies and the revision grows by one; null changes nothing', async () => {
      const intent = newIntent();
      await repo.create(intent, roomy);
      const updated = await repo.update(intent.intentId, (i) => ({
        ...i,
        status: 'uploaded',
        updatedAt: at(5),
      }));
      expect(updated).toEqual({ ...intent, status: 'uploaded', updatedAt: at(5), revision: 2 });
      expect(await repo.get(intent.intentId)).toEqual(updated);
      expect(await repo.update(intent.intentId, () => null)).toEqual(updated);
      expect(await repo.update(newUploadIntentId(), (i) => i)).toBeNull();
    });

    it('when updates race, then none is lost', async () => {
      const intent = newIntent({ derivatives: [] });
      await repo.create(intent, roomy);
      await Promise.all(
        [1, 2, 3, 4, 5].map((n) => repo.update(intent.intentId, (i) => ({ ...i, size: i.size + n }))),
      );
      expect(await repo.get(intent.intentId)).toMatchObject({ size: 1015, revision: 6 });
    });

    it("when a participant's intents change, then listByOwner returns those changed after the time, oldest first", async () => {
      const owner = newVisitorId();
      const a = newIntent({ ownerVisitorId: owner, updatedAt: at(10) });
      const b = newIntent({ ownerVisitorId: owner, updatedAt: at(20) });
      const c = newIntent({ ownerVisitorId: owner, updatedAt: at(5) });
      for (const i of [a, b, c, newIntent({ ownerVisitorId: newVisitorId(), updatedAt: at(30) })])
        await repo.create(i, roomy);
      expect((await repo.listByOwner(owner, at(6), 10)).map((i) => i.intentId)).toEqual([
        a.intentId,
        b.intentId,
      ]);
      expect(await repo.listByOwner(owner, at(6), 1)).toHaveLength(1);
    });

    it('when pending intents expire, then listExpiredPending returns only those, and not finished ones', async () => {
      const expired = newIntent({ expiresAt: at(100) });
      const fresh = newIntent({ expiresAt: at(900) });
      const done = newIntent({ expiresAt: at(100), status: 'ready' });
      for (const i of [expired, fresh, done]) await repo.create(i, roomy);
      expect((await repo.listExpiredPending(at(500), 10)).map((i) => i.intentId)).toEqual([expired.intentId]);
    });

    it('when listed by status page by page, then each intent in that status comes once, by id', async () => {
      const ready = [1, 2, 3, 4, 5].map(() => newIntent({ status: 'ready' }));
      for (const i of [...ready, newIntent({ status: 'failed' })]) await repo.create(i, roomy);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page = await repo.listByStatus('ready', { limit: 2, after });
        seen.push(...page.items.map((i) => i.intentId));
        after = page.next;
      } while (after !== null);
      expect(seen).toEqual(ready.map((i) => i.intentId).sort());
      await expect(repo.listByStatus('ready', { limit: 2, after: 'nope' })).rejects.toThrow('invalid cursor');
    });
  });
}
