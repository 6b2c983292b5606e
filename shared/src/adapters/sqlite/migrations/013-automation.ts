/**
 * Automation of the colour chain: the event's settings (one row) and each rule's decision per image version, kept
 * so a redelivered clustered event follows the first decision. The images index serves the operators' live stream
 * (images of a kind changed since a time).
 */
export default `
  CREATE TABLE automation_settings (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    rules      TEXT NOT NULL,
    updated_at INTEGER,
    updated_by TEXT
  );
  CREATE TABLE automation_decisions (
    decision_key TEXT PRIMARY KEY,
    rule         TEXT NOT NULL,
    image_id     TEXT NOT NULL,
    version      INTEGER NOT NULL,
    palette_ids  TEXT NOT NULL,
    decided_at   INTEGER NOT NULL,
    done_at      INTEGER
  );
  CREATE INDEX images_by_kind_updated ON images (kind, updated_at);
`;
