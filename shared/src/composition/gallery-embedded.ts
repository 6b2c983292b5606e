import type { SqliteDatabase } from '../adapters/sqlite/database';
import { SqliteFaceAnalysisRepository } from '../adapters/sqlite/face-analysis-repository.sqlite';
import { SqliteFaceIndex } from '../adapters/sqlite/face-index.sqlite';
import { SqliteGalleryItemRepository } from '../adapters/sqlite/gallery-item-repository.sqlite';
import { SqliteGalleryLikeRepository } from '../adapters/sqlite/gallery-like-repository.sqlite';
import { SqliteGallerySessionRepository } from '../adapters/sqlite/gallery-session-repository.sqlite';
import { SqliteGalleryUserRepository } from '../adapters/sqlite/gallery-user-repository.sqlite';
import { SqliteParticipantRepository } from '../adapters/sqlite/participant-repository.sqlite';
import { SqliteRateLimiter } from '../adapters/sqlite/rate-limiter.sqlite';
import { localGalleryServices, type GalleryAdapters, type LocalGalleryOptions } from './gallery-local';

/** Embedded: everything in the embedded store's SQLite database, face work and ranking in process. */
export function openEmbeddedGallery(db: SqliteDatabase, options: LocalGalleryOptions): GalleryAdapters {
  const items = new SqliteGalleryItemRepository(db);
  const likes = new SqliteGalleryLikeRepository(db);
  return {
    users: new SqliteGalleryUserRepository(db),
    sessions: new SqliteGallerySessionRepository(db),
    participants: new SqliteParticipantRepository(db),
    limiter: new SqliteRateLimiter(db),
    items,
    likes,
    analyses: new SqliteFaceAnalysisRepository(db),
    faces: new SqliteFaceIndex(db, options.matchThreshold),
    ...localGalleryServices(items, likes, options),
  };
}
