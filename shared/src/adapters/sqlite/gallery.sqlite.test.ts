import { faceAnalysisRepositoryContract } from '../../ports/contracts/face-analysis-repository.contract';
import { faceIndexContract } from '../../ports/contracts/face-index.contract';
import { galleryItemRepositoryContract } from '../../ports/contracts/gallery-item-repository.contract';
import { galleryLikeRepositoryContract } from '../../ports/contracts/gallery-like-repository.contract';
import { gallerySessionRepositoryContract } from '../../ports/contracts/gallery-session-repository.contract';
import { galleryUserRepositoryContract } from '../../ports/contracts/gallery-user-repository.contract';
import { tempDir } from '../../testing/system-under-test';
import { openDatabase, type SqliteDatabase } from './database';
import { SqliteFaceAnalysisRepository } from './face-analysis-repository.sqlite';
import { SqliteFaceIndex } from './face-index.sqlite';
import { SqliteGalleryItemRepository } from './gallery-item-repository.sqlite';
import { SqliteGalleryLikeRepository } from './gallery-like-repository.sqlite';
import { SqliteGallerySessionRepository } from './gallery-session-repository.sqlite';
import { SqliteGalleryUserRepository } from './gallery-user-repository.sqlite';

/** The face gallery's repositories on a fresh database each. */
function withDatabase<T>(build: (db: SqliteDatabase) => T) {
  return async () => {
    const temp = await tempDir();
    const db = openDatabase(`${temp.dir}/test.db`);
    const teardown = async () => {
      db.close();
      await temp.remove();
    };
    return { built: build(db), teardown };
  };
}

const repo =
  <T>(build: (db: SqliteDatabase) => T) =>
  async () => {
    const { built, teardown } = await withDatabase(build)();
    return { repo: built, teardown };
  };

galleryUserRepositoryContract(
  'sqlite',
  repo((db) => new SqliteGalleryUserRepository(db)),
);
gallerySessionRepositoryContract(
  'sqlite',
  repo((db) => new SqliteGallerySessionRepository(db)),
);
galleryItemRepositoryContract(
  'sqlite',
  repo((db) => new SqliteGalleryItemRepository(db)),
);
galleryLikeRepositoryContract(
  'sqlite',
  repo((db) => new SqliteGalleryLikeRepository(db)),
);
faceAnalysisRepositoryContract(
  'sqlite',
  repo((db) => new SqliteFaceAnalysisRepository(db)),
);
faceIndexContract('sqlite', async () => {
  const { built, teardown } = await withDatabase((db) => new SqliteFaceIndex(db, 0.5))();
  return { index: built, teardown };
});
