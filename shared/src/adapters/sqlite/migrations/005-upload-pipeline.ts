/**
 * Direct uploads: upload intents (the whole intent as JSON, with the columns the queries need) and the checkpoints
 * of resumable jobs such as the derivative backfill.
 */
export default `
  CREATE TABLE upload_intents (
    intent_id        TEXT PRIMARY KEY,
    caller_key       TEXT NOT NULL,
    owner_visitor_id TEXT,
    status           TEXT NOT NULL,
    size             INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    revision         INTEGER NOT NULL,
    doc              TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX upload_intents_by_caller ON upload_intents (caller_key, created_at);
  CREATE INDEX upload_intents_by_owner ON upload_intents (owner_visitor_id, updated_at)
    WHERE owner_visitor_id IS NOT NULL;
  CREATE INDEX upload_intents_by_status ON upload_intents (status, intent_id);
  CREATE INDEX upload_intents_pending ON upload_intents (expires_at) WHERE status = 'pending';

  CREATE TABLE job_checkpoints (
    name       TEXT PRIMARY KEY,
    cursor     TEXT,
    processed  INTEGER NOT NULL,
    done       INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `;
