/** Participants, images and their versions, one-time tokens, the update feed, dead letters, the bus. */
export default `
  CREATE TABLE participants (
    visitor_id     TEXT PRIMARY KEY,
    display_name   TEXT NOT NULL,
    email          TEXT,
    external_ref   TEXT UNIQUE,
    source         TEXT NOT NULL,
    photo_image_id TEXT NOT NULL UNIQUE,
    token_hash     TEXT NOT NULL UNIQUE,
    created_at     INTEGER NOT NULL
  );
  CREATE INDEX participants_by_created ON participants (created_at DESC, visitor_id DESC);

  CREATE TABLE images (
    image_id         TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    owner_visitor_id TEXT,
    creation_key     TEXT UNIQUE,
    current_version  INTEGER NOT NULL DEFAULT 0,
    served_variant   TEXT NOT NULL DEFAULT 'original',
    status           TEXT NOT NULL,
    status_reason    TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
  );
  CREATE INDEX images_by_created ON images (created_at DESC, image_id DESC);
  CREATE INDEX images_by_owner ON images (owner_visitor_id, created_at DESC, image_id DESC);
  CREATE INDEX images_by_kind ON images (kind, created_at DESC, image_id DESC);

  CREATE TABLE image_variants (
    image_id        TEXT NOT NULL REFERENCES images (image_id),
    version         INTEGER NOT NULL,
    variant         TEXT NOT NULL,
    blob_key        TEXT NOT NULL,
    content_type    TEXT NOT NULL,
    bytes           INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    width           INTEGER NOT NULL,
    height          INTEGER NOT NULL,
    idempotency_key TEXT,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (image_id, version, variant)
  );
  CREATE UNIQUE INDEX image_variants_idempotency ON image_variants (image_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

  CREATE TABLE image_status_events (
    image_id TEXT NOT NULL,
    version  INTEGER NOT NULL,
    status   TEXT NOT NULL,
    reason   TEXT,
    at       INTEGER NOT NULL
  );
  CREATE INDEX image_status_events_by_image ON image_status_events (image_id, at);

  CREATE TABLE one_time_tokens (
    token_hash TEXT PRIMARY KEY,
    image_id   TEXT NOT NULL,
    version    INTEGER NOT NULL,
    variant    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX one_time_tokens_by_expiry ON one_time_tokens (expires_at);

  CREATE TABLE participant_updates (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    visitor_id TEXT NOT NULL,
    image_id   TEXT NOT NULL,
    version    INTEGER NOT NULL,
    variant    TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (visitor_id, image_id, version, variant)
  );
  CREATE INDEX participant_updates_by_visitor ON participant_updates (visitor_id, seq);

  CREATE TABLE dead_letters (
    id               TEXT PRIMARY KEY,
    subscription     TEXT NOT NULL,
    topic            TEXT NOT NULL,
    message_id       TEXT NOT NULL,
    data             BLOB NOT NULL,
    attributes       TEXT NOT NULL,
    ordering_key     TEXT,
    reason           TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    kind             TEXT NOT NULL,
    dead_lettered_at INTEGER NOT NULL,
    replayed_at      INTEGER,
    UNIQUE (subscription, message_id)
  );
  CREATE INDEX dead_letters_by_time ON dead_letters (dead_lettered_at DESC, id DESC);

  CREATE TABLE bus_subscriptions (
    name  TEXT PRIMARY KEY,
    topic TEXT NOT NULL,
    spec  TEXT NOT NULL
  );
  CREATE TABLE bus_messages (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id   TEXT NOT NULL UNIQUE,
    topic        TEXT NOT NULL,
    data         BLOB NOT NULL,
    attributes   TEXT NOT NULL,
    ordering_key TEXT,
    publish_time INTEGER NOT NULL
  );
  CREATE TABLE bus_deliveries (
    subscription     TEXT NOT NULL,
    seq              INTEGER NOT NULL REFERENCES bus_messages (seq),
    ordering_key     TEXT,
    state            TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    available_at     INTEGER NOT NULL,
    lease_expires_at INTEGER,
    last_error       TEXT,
    PRIMARY KEY (subscription, seq)
  ) WITHOUT ROWID;
  CREATE INDEX bus_deliveries_due ON bus_deliveries (subscription, available_at);
  CREATE INDEX bus_deliveries_order ON bus_deliveries (subscription, ordering_key, seq);
  `;
