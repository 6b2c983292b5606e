/**
 * The face gallery: its users, catalog, likes, analysed selfies (minutes) and consented face descriptors (days).
 * Descriptors are 128 float32s as a 512-byte BLOB; the search reads the unexpired ones and measures in process.
 */
export default `
  CREATE TABLE gallery_users (
    user_id         TEXT PRIMARY KEY,
    expression      TEXT NOT NULL,
    face_expires_at INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
  );
  CREATE INDEX gallery_users_by_face_expiry ON gallery_users (face_expires_at) WHERE face_expires_at IS NOT NULL;

  CREATE TABLE gallery_items (
    item_id       TEXT PRIMARY KEY,
    object_key    TEXT NOT NULL,
    generation    TEXT NOT NULL,
    owner_user_id TEXT,
    created_at    INTEGER NOT NULL
  );
  CREATE INDEX gallery_items_by_created ON gallery_items (created_at DESC, item_id DESC);
  CREATE INDEX gallery_items_by_owner ON gallery_items (owner_user_id) WHERE owner_user_id IS NOT NULL;

  CREATE TABLE gallery_likes (
    user_id    TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    expression TEXT,
    liked_at   INTEGER NOT NULL,
    PRIMARY KEY (user_id, item_id)
  );
  CREATE INDEX gallery_likes_by_time ON gallery_likes (liked_at DESC);

  CREATE TABLE face_analyses (
    analysis_id     TEXT PRIMARY KEY,
    expression      TEXT NOT NULL,
    confidence      REAL NOT NULL,
    box             TEXT NOT NULL,
    descriptor      BLOB,
    matched_user_id TEXT,
    used_by_user_id TEXT,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL
  );
  CREATE INDEX face_analyses_by_expiry ON face_analyses (expires_at);
  CREATE INDEX face_analyses_by_matched ON face_analyses (matched_user_id) WHERE matched_user_id IS NOT NULL;
  CREATE INDEX face_analyses_by_used ON face_analyses (used_by_user_id) WHERE used_by_user_id IS NOT NULL;

  CREATE TABLE face_index (
    face_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    TEXT NOT NULL,
    descriptor BLOB NOT NULL,
    indexed_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX face_index_by_user ON face_index (user_id);
  CREATE INDEX face_index_by_expiry ON face_index (expires_at);
  `;
