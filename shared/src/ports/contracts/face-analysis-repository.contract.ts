import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newAnalysisId, type FaceAnalysis } from '../../domain/gallery';
import type { FaceAnalysisRepository } from '../face-analysis-repository.port';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);
/** float32 values: what an analyser computes, and what every adapter must keep exactly. */
const descriptor = (seed: number): number[] =>
  Array.from({ length: 128 }, (_, i) => Math.fround(Math.sin(seed + i) / 4));

const analysis = (over: Partial<FaceAnalysis> = {}): FaceAnalysis => ({
  analysisId: newAnalysisId(),
  expression: 'happy',
  confidence: 0.93,
  box: { x: 10, y: 20, width: 200, height: 240 },
  descriptor: descriptor(1),
  matchedUserId: null,
  usedByUserId: null,
  createdAt: at(0),
  expiresAt: at(600),
  ...over,
});

/** The contract every FaceAnalysisRepository meets, embedded or cloud. */
export function faceAnalysisRepositoryContract(
  name: string,
  setup: () => Promise<{ repo: FaceAnalysisRepository; teardown: () => Promise<void> }>,
) {
  describe(`FaceAnalysisRepository contract: ${name}`, () => {
    let repo: FaceAnalysisRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => ({ repo, teardown } = await setup()));
    afterEach(() => teardown());

    it('when an analysis is saved, then it reads back equal, descriptor included, until it expires', async () => {
      const a = analysis();
      await repo.save(a);
      expect(await repo.get(a.analysisId, at(1))).toEqual(a);
      expect(await repo.get(a.analysisId, at(600))).toBeNull();
      expect(await repo.get(newAnalysisId(), at(1))).toBeNull();
    });

    it('when an analysis is used, then the user is recorded and the descriptor is dropped', async () => {
      const a = analysis();
      await repo.save(a);
      expect(await repo.markUsed(a.analysisId, 'gu_made')).toBe(true);
      expect(await repo.get(a.analysisId, at(1))).toEqual({
        ...a,
        descriptor: null,
        usedByUserId: 'gu_made',
      });
      expect(await repo.markUsed(newAnalysisId(), 'gu_made')).toBe(false);
    });

    it('when a user is erased, then analyses that matched or made them go, others stay', async () => {
      const matched = analysis({ matchedUserId: 'gu_x', descriptor: null });
      const made = analysis();
      const other = analysis({ matchedUserId: 'gu_y' });
      for (const a of [matched, made, other]) await repo.save(a);
      await repo.markUsed(made.analysisId, 'gu_x');
      expect(await repo.deleteForUser('gu_x')).toBe(2);
      expect(await repo.get(matched.analysisId, at(1))).toBeNull();
      expect(await repo.get(made.analysisId, at(1))).toBeNull();
      expect(await repo.get(other.analysisId, at(1))).toEqual(other);
    });

    it('when the sweep runs, then only analyses expired before its instant are deleted', async () => {
      const old = analysis({ expiresAt: at(100) });
      const fresh = analysis({ expiresAt: at(1000) });
      await repo.save(old);
      await repo.save(fresh);
      expect(await repo.deleteExpired(at(500))).toBe(1);
      expect(await repo.get(fresh.analysisId, at(1))).toEqual(fresh);
      expect(await repo.deleteExpired(at(500))).toBe(0);
    });
  });
}
