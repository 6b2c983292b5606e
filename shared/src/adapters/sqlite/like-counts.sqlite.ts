import { NOTIFICATION_ACTORS_KEPT, type Notification } from '../../domain/notification';
import type { SqliteDatabase } from './database';
import { row } from './rows';

/** What the like and notification repositories both do to a notification's like count. */
export interface LikeCounts {
  /** How many likes joined a notification, and the newest likers first. */
  count(notificationId: string): { count: number; newest: string[] };
  /** Writes a recount: the actor count, the newest likers and updatedAt. */
  setActors(n: Notification): void;
}

/** The likes_by_notification index serves both counting queries. */
export function likeCounts(db: SqliteDatabase): LikeCounts {
  const count = db.prepare('SELECT count(*) FROM likes WHERE notification_id = ?').pluck();
  const newest = db
    .prepare(
      `SELECT liker_visitor_id FROM likes WHERE notification_id = ?
         ORDER BY created_at DESC, liker_visitor_id LIMIT ${NOTIFICATION_ACTORS_KEPT}`,
    )
    .pluck();
  const setActors = db.prepare(
    `UPDATE notifications SET actor_count = @actorCount, actor_visitor_ids = @actorVisitorIds,
       updated_at = @updatedAt WHERE notification_id = @notificationId`,
  );
  return {
    count: (notificationId) => ({
      count: count.get(notificationId) as number,
      newest: newest.all(notificationId) as string[],
    }),
    setActors: (n) => setActors.run(row(n)),
  };
}
