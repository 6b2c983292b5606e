import type { Firestore, WriteBatch } from '@google-cloud/firestore';
import { describe, expect, it, vi } from 'vitest';
import {
  newParticipant,
  participantRepositoryContract,
} from '../../ports/contracts/participant-repository.contract';
import { cloudSuitesEnabled, firestoreForFile } from '../../testing/emulators';
import { FirestoreParticipantRepository } from './participant-repository.firestore';

/** More than fit in one commit (3 writes each, 500 per commit): createMany takes its batched path. */
const LARGE_IMPORT = 200;

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();
  const newRepo = (collectionPrefix = firestore.collectionPrefix()) =>
    new FirestoreParticipantRepository(firestore.db(), { collectionPrefix });
  const withRepo = (
    test: (repo: FirestoreParticipantRepository, db: Firestore, prefix: string) => Promise<void>,
  ) => {
    const prefix = firestore.collectionPrefix();
    return test(newRepo(prefix), firestore.db(), prefix);
  };

  participantRepositoryContract('firestore', async () => ({ repo: newRepo(), teardown: async () => {} }));

  it('when an import is larger than one commit, then all are created, and a re-run reports them all existing', () =>
    withRepo(async (repo) => {
      const batch = Array.from({ length: LARGE_IMPORT }, () => newParticipant());
      const first = await repo.createMany(batch);
      expect(first.created).toHaveLength(LARGE_IMPORT);
      expect(await repo.findByTokenHash(batch.at(-1)!.tokenHash)).toEqual(first.created.at(-1));

      const rerun = await repo.createMany(batch.map((p) => newParticipant({ externalRef: p.externalRef })));
      expect(rerun).toEqual({ created: [], existing: first.created });
    }));

  it('when a large import clashes with a stored participant, then it is refused before anything is written', () =>
    withRepo(async (repo) => {
      const stored = newParticipant();
      await repo.createMany([stored]);
      const batch = Array.from({ length: LARGE_IMPORT }, () => newParticipant());
      batch.push(newParticipant({ visitorId: stored.visitorId }));
      await expect(repo.createMany(batch)).rejects.toThrow('already exists');
      expect((await repo.list({ limit: 10 })).items).toHaveLength(1);
    }));

  it('when a later commit of a large import fails, then the commits already made are undone', () =>
    withRepo(async (repo, db) => {
      // The second commit fails; the undo of the first is the third.
      const realBatch = db.batch.bind(db);
      let commits = 0;
      const spy = vi.spyOn(db, 'batch').mockImplementation((): WriteBatch => {
        const writeBatch = realBatch();
        const commit = writeBatch.commit.bind(writeBatch);
        writeBatch.commit = async () => {
          commits += 1;
          if (commits === 2) throw new Error('network went away');
          return commit();
        };
        return writeBatch;
      });
      const participants = Array.from({ length: LARGE_IMPORT }, () => newParticipant());
      try {
        await expect(repo.createMany(participants)).rejects.toThrow('network went away');
      } finally {
        spy.mockRestore();
      }
      expect(commits).toBe(3);
      expect((await repo.list({ limit: 10 })).items).toEqual([]);
      expect(await repo.findByTokenHash(participants[0]!.tokenHash)).toBeNull();
      expect((await repo.createMany(participants.slice(0, 1))).created).toHaveLength(1);
    }));

  it('when a stored document is outside the domain, then reading it fails loudly instead of leaking it', () =>
    withRepo(async (repo, db, prefix) => {
      const p = newParticipant();
      await repo.createMany([p]);
      await db.collection(`${prefix}participants`).doc(p.visitorId).update({ source: 'bogus' });
      await expect(repo.findById(p.visitorId)).rejects.toThrow();
    }));
});
