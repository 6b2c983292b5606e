import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '@photo/shared/adapters/sqlite/database';
import { SqliteFaceAnalysisRepository } from '@photo/shared/adapters/sqlite/face-analysis-repository.sqlite';
import { SqliteGalleryUserRepository } from '@photo/shared/adapters/sqlite/gallery-user-repository.sqlite';
import { newAnalysisId, type FaceAnalysis } from '@photo/shared/domain/gallery';
import type { DetectedFace } from '@photo/shared/ports/face-analyzer.port';
import type { FaceIndex } from '@photo/shared/ports/face-index.port';
import type { Recommender } from '@photo/shared/ports/recommender.port';
import { theFace } from '../src/use-cases/analyse-selfie';
import { createUser } from '../src/use-cases/create-user';

const face = (width: number, height = width): DetectedFace => ({
  box: { x: 0, y: 0, width, height },
  score: 0.9,
  expressions: { happy: 1 },
  descriptor: null,
});

describe('theFace', () => {
  it('when small faces stand behind the selfie-taker, then they are bystanders and the large face is the one', () => {
    expect(theFace([face(60), face(300), face(120)], 80).box.width).toBe(300);
  });

  it('when two faces are of a size, then the selfie is refused as FACE.SEVERAL with the count and both boxes', () => {
    expect(() => theFace([face(300), face(200), face(40)], 80)).toThrow(
      expect.objectContaining({
        code: 'FACE.SEVERAL',
        details: { count: 2, faces: [face(300).box, face(200).box] },
      }),
    );
  });

  it('when there is no face or it is under the minimum, then FACE.NONE or FACE.TOO_SMALL', () => {
    expect(() => theFace([], 80)).toThrow(expect.objectContaining({ code: 'FACE.NONE' }));
    expect(() => theFace([face(200, 70)], 80)).toThrow(
      expect.objectContaining({ code: 'FACE.TOO_SMALL', details: { facePx: 70, minPx: 80 } }),
    );
  });
});

describe('createUser with a face index that works on images (Rekognition)', () => {
  const setup = async () => {
    const db = openDatabase(':memory:');
    const analyses = new SqliteFaceAnalysisRepository(db);
    const users = new SqliteGalleryUserRepository(db);
    const index = vi.fn<FaceIndex['index']>(async () => {});
    const faces: FaceIndex = { needs: 'image', index, search: async () => null, deleteUser: async () => 0 };
    const recommender = { putUser: vi.fn(async () => {}) } as unknown as Recommender;
    const now = new Date('2026-03-01T10:00:00Z');
    const analysis: FaceAnalysis = {
      analysisId: newAnalysisId(),
      expression: 'surprised',
      confidence: 0.8,
      box: { x: 1, y: 2, width: 200, height: 220 },
      descriptor: null,
      matchedUserId: null,
      usedByUserId: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 600_000),
    };
    await analyses.save(analysis);
    const deps = {
      analyses,
      users,
      faces,
      recommender,
      clock: { now: () => now },
      config: { faceRetentionDays: 30 },
    };
    return { deps, analysis, index, users, now };
  };

  it('when consent comes without the selfie, then FACE.SELFIE_REQUIRED and nobody is created', async () => {
    const { deps, analysis, users } = await setup();
    await expect(
      createUser(deps, {
        analysisId: analysis.analysisId,
        consent: true,
        expression: null,
        selfiePath: null,
        callerUserId: null,
      }),
    ).rejects.toMatchObject({
      code: 'FACE.SELFIE_REQUIRED',
      status: 409,
    });
    expect(await users.withFaceExpiredBefore(new Date(8e15), 10)).toEqual([]);
  });

  it('when the selfie is sent again, then the face is indexed from it until the retention ends', async () => {
    const { deps, analysis, index, now } = await setup();
    const result = await createUser(deps, {
      analysisId: analysis.analysisId,
      consent: true,
      expression: null,
      selfiePath: '/tmp/selfie.jpg',
      callerUserId: null,
    });
    expect(result).toMatchObject({ created: true, faceIndexed: true, user: { expression: 'surprised' } });
    expect(index).toHaveBeenCalledWith({
      userId: result.user.userId,
      probe: { descriptor: null, imagePath: '/tmp/selfie.jpg' },
      indexedAt: now,
      expiresAt: new Date(now.getTime() + 30 * 86_400_000),
    });
  });

  it('when there is no consent, then the user is made and nothing is indexed, image or not', async () => {
    const { deps, analysis, index } = await setup();
    const result = await createUser(deps, {
      analysisId: analysis.analysisId,
      consent: false,
      expression: 'happy',
      selfiePath: null,
      callerUserId: null,
    });
    expect(result).toMatchObject({
      created: true,
      faceIndexed: false,
      user: { expression: 'happy', faceExpiresAt: null },
    });
    expect(index).not.toHaveBeenCalled();
  });

  it('when the analysis is unknown or expired, then ANALYSIS.NOT_FOUND', async () => {
    const { deps } = await setup();
    await expect(
      createUser(deps, {
        analysisId: newAnalysisId(),
        consent: false,
        expression: null,
        selfiePath: null,
        callerUserId: null,
      }),
    ).rejects.toMatchObject({
      code: 'ANALYSIS.NOT_FOUND',
    });
  });
  it('when the caller already has a user, then a new face joins that user: no second user, indexed only with consent', async () => {
    const { deps, analysis, index, users, now } = await setup();
    const earlier = await users.create({
      userId: 'gu_aaaaaaaaaaaaaaaaaaaaaaaaaa',
      expression: 'neutral',
      faceExpiresAt: null,
      createdAt: now,
      updatedAt: now,
    });
    const declined = await createUser(deps, {
      analysisId: analysis.analysisId,
      consent: false,
      expression: null,
      selfiePath: '/tmp/selfie.jpg',
      callerUserId: earlier.user.userId,
    });
    expect(declined).toMatchObject({
      created: false,
      faceIndexed: false,
      user: { userId: earlier.user.userId, expression: 'surprised', faceExpiresAt: null },
    });
    expect(index).not.toHaveBeenCalled();

    const second: FaceAnalysis = { ...analysis, analysisId: newAnalysisId(), expression: 'happy' };
    await deps.analyses.save(second);
    const consented = await createUser(deps, {
      analysisId: second.analysisId,
      consent: true,
      expression: null,
      selfiePath: '/tmp/selfie.jpg',
      callerUserId: earlier.user.userId,
    });
    const until = new Date(now.getTime() + 30 * 86_400_000);
    expect(consented).toMatchObject({
      created: false,
      faceIndexed: true,
      user: { userId: earlier.user.userId },
    });
    expect(index).toHaveBeenCalledWith(
      expect.objectContaining({ userId: earlier.user.userId, expiresAt: until }),
    );
    expect(await users.get(earlier.user.userId)).toMatchObject({ faceExpiresAt: until, expression: 'happy' });
    // The analysis is spent on that user: a retry answers the same one.
    expect(await deps.analyses.get(second.analysisId, now)).toMatchObject({
      usedByUserId: earlier.user.userId,
      descriptor: null,
    });
  });
});
