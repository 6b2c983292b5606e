/** Gallery sessions (token hashes bound to a gallery user, hours) and the participants who stand for a gallery user. */
export default `
  CREATE TABLE gallery_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX gallery_sessions_by_user ON gallery_sessions (user_id);
  CREATE INDEX gallery_sessions_by_expiry ON gallery_sessions (expires_at);

  CREATE TABLE gallery_participants (
    visitor_id TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    bound_at   INTEGER NOT NULL
  );
  CREATE INDEX gallery_participants_by_user ON gallery_participants (user_id);
`;
