import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { updateFeedContract } from '../../ports/contracts/update-feed.contract';
import { openDatabase } from './database';
import { SqliteUpdateFeed } from './update-feed.sqlite';

async function openTempDatabase() {
  const dir = await mkdtemp(join(tmpdir(), 'updates-'));
  const db = openDatabase(join(dir, 'test.db'));
  const teardown = async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { db, teardown };
}

updateFeedContract('sqlite', async () => {
  const { db, teardown } = await openTempDatabase();
  return { feed: new SqliteUpdateFeed(db), teardown };
});

it('when the marker is read, then SQLite answers from the (visitor_id, seq) index without scanning', async () => {
  const { db, teardown } = await openTempDatabase();
  try {
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT max(seq) FROM participant_updates WHERE visitor_id = ?')
      .all('v_x') as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toMatch(
      /SEARCH participant_updates USING COVERING INDEX participant_updates_by_visitor/,
    );
  } finally {
    await teardown();
  }
});
