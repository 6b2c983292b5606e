import { NOTIFICATION_ACTORS_KEPT } from '../../domain/notification';
import type { SqliteDatabase } from './database';

/** What a notification's likes say: how many, and the newest likers first. */
export type LikeCounts = (notificationId: string) => { count: number; newest: string[] };

/** Counts the likes that joined a notification (the likes_by_notification index serves both queries). */
export function likeCounts(db: SqliteDatabase): LikeCounts {
  const count = db.prepare('SELECT count(*) FROM likes WHERE notification_id = ?').pluck();
  const newest = db
    .prepare(
      `SELECT liker_visitor_id FROM likes WHERE notification_id = ?
         ORDER BY created_at DESC, liker_visitor_id LIMIT ${NOTIFICATION_ACTORS_KEPT}`,
    )
    .pluck();
  return (notificationId) => ({
    count: count.get(notificationId) as number,
    newest: newest.all(notificationId) as string[],
  });
}
