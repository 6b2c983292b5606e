import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointRepository } from '../checkpoint-repository.port';

export interface CheckpointRepositoryFixture {
  repo: CheckpointRepository;
  teardown: () => Promise<void>;
}

const at = (seconds: number) => new Date(Date.parse('2025-06-01T10:00:00.000Z') + seconds * 1000);

/** The semantics every CheckpointRepository adapter must keep. */
export function checkpointRepositoryContract(
  name: string,
  setup: () => Promise<CheckpointRepositoryFixture>,
) {
  describe(`CheckpointRepository contract: ${name}`, () => {
    let repo: CheckpointRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });

    it('when nothing was saved, then get answers null', async () => {
      expect(await repo.get('uploads-backfill/abc')).toBeNull();
    });

    it('when saved twice, then the last one is read back; cleared, it is gone', async () => {
      await repo.save({ name: 'job/1', cursor: null, processed: 0, done: false, updatedAt: at(0) });
      const later = { name: 'job/1', cursor: 'xyz', processed: 40, done: true, updatedAt: at(9) };
      await repo.save(later);
      await repo.save({ name: 'job/2', cursor: 'other', processed: 1, done: false, updatedAt: at(1) });
      expect(await repo.get('job/1')).toEqual(later);
      await repo.clear('job/1');
      await repo.clear('job/1');
      expect(await repo.get('job/1')).toBeNull();
      expect(await repo.get('job/2')).toMatchObject({ cursor: 'other' });
    });
  });
}
