/** Participant tokens that stopped working (rotated or revoked), by hash: a caller presenting one is told why. */
export default `
  CREATE TABLE retired_participant_tokens (
    token_hash TEXT PRIMARY KEY,
    visitor_id TEXT NOT NULL,
    reason     TEXT NOT NULL,
    retired_at INTEGER NOT NULL
  ) WITHOUT ROWID;
`;
