import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  newParticipant,
  participantRepositoryContract,
} from '../../ports/contracts/participant-repository.contract';
import { openDatabase } from './database';
import { SqliteParticipantRepository } from './participant-repository.sqlite';

async function openTempDatabase() {
  const dir = await mkdtemp(join(tmpdir(), 'participants-'));
  const db = openDatabase(join(dir, 'test.db'));
  const teardown = async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { db, teardown };
}

participantRepositoryContract('sqlite', async () => {
  const { db, teardown } = await openTempDatabase();
  return { repo: new SqliteParticipantRepository(db), teardown };
});

it('when a stored row is outside the domain, then reading it fails loudly instead of leaking it', async () => {
  const { db, teardown } = await openTempDatabase();
  try {
    const repo = new SqliteParticipantRepository(db);
    const p = newParticipant();
    await repo.createMany([p]);
    db.prepare("UPDATE participants SET source = 'bogus' WHERE visitor_id = ?").run(p.visitorId);
    await expect(repo.findById(p.visitorId)).rejects.toThrow();
  } finally {
    await teardown();
  }
});
