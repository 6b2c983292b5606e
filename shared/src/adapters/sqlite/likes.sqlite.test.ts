import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { likesInboxContract } from '../../ports/contracts/likes-inbox.contract';
import { likesPopularContract } from '../../ports/contracts/likes-popular.contract';
import { likesContract, type LikesFixture } from '../../ports/contracts/likes.contract';
import { openDatabase } from './database';
import { SqliteLikeRepository } from './like-repository.sqlite';
import { SqliteNotificationRepository } from './notification-repository.sqlite';
import { SqliteOutboxRepository } from './outbox.sqlite';

async function setup(): Promise<LikesFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'likes-'));
  const db = openDatabase(join(dir, 'test.db'));
  return {
    likes: new SqliteLikeRepository(db),
    notifications: new SqliteNotificationRepository(db),
    outbox: new SqliteOutboxRepository(db),
    teardown: async () => {
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

likesContract('sqlite', setup);
likesInboxContract('sqlite', setup);
likesPopularContract('sqlite', setup);
