/**
 * A like notification counts its likes and keeps only the newest likers by id, both aggregated from the likes that
 * joined it (counted, and read newest first, by notification).
 */
export default `
  ALTER TABLE notifications ADD COLUMN actor_count INTEGER NOT NULL DEFAULT 0;
  UPDATE notifications SET actor_count = json_array_length(actor_visitor_ids);
  CREATE INDEX likes_by_notification ON likes (notification_id, created_at DESC) WHERE notification_id IS NOT NULL;
  `;
