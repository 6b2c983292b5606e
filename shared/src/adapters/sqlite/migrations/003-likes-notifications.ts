/** Likes, in-app notifications, the transactional outbox, notification settings and the delivery log. */
export default `
  CREATE TABLE likes (
    image_id         TEXT NOT NULL,
    liker_visitor_id TEXT NOT NULL,
    owner_visitor_id TEXT,
    notification_id  TEXT,
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (image_id, liker_visitor_id)
  ) WITHOUT ROWID;

  CREATE TABLE notifications (
    notification_id      TEXT PRIMARY KEY,
    recipient_visitor_id TEXT NOT NULL,
    type                 TEXT NOT NULL,
    image_id             TEXT NOT NULL,
    actor_visitor_ids    TEXT NOT NULL,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    read_at              INTEGER,
    closed_at            INTEGER
  );
  CREATE INDEX notifications_inbox ON notifications (recipient_visitor_id, created_at DESC, notification_id DESC);
  CREATE INDEX notifications_changed ON notifications (recipient_visitor_id, updated_at);
  CREATE INDEX notifications_unread ON notifications (recipient_visitor_id) WHERE read_at IS NULL;
  -- At most one open group per recipient and image: concurrent likes cannot open two.
  CREATE UNIQUE INDEX notifications_open_group ON notifications (recipient_visitor_id, type, image_id)
    WHERE read_at IS NULL AND closed_at IS NULL;

  CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    topic        TEXT NOT NULL,
    data         BLOB NOT NULL,
    attributes   TEXT NOT NULL,
    ordering_key TEXT,
    created_at   INTEGER NOT NULL,
    published_at INTEGER
  );
  CREATE INDEX outbox_pending ON outbox (seq) WHERE published_at IS NULL;
  CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;

  CREATE TABLE push_subscriptions (
    endpoint   TEXT PRIMARY KEY,
    visitor_id TEXT NOT NULL,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX push_subscriptions_by_visitor ON push_subscriptions (visitor_id);

  CREATE TABLE notification_preferences (
    visitor_id  TEXT PRIMARY KEY,
    push        INTEGER NOT NULL,
    email       INTEGER NOT NULL,
    sms         INTEGER NOT NULL,
    email_to    TEXT,
    phone       TEXT,
    quiet_start TEXT,
    quiet_end   TEXT,
    time_zone   TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
  );

  CREATE TABLE notification_deliveries (
    id                   TEXT PRIMARY KEY,
    notification_id      TEXT NOT NULL,
    recipient_visitor_id TEXT NOT NULL,
    channel              TEXT NOT NULL,
    state                TEXT NOT NULL,
    due_at               INTEGER NOT NULL,
    attempts             INTEGER NOT NULL DEFAULT 0,
    lease_expires_at     INTEGER,
    last_error           TEXT,
    created_at           INTEGER NOT NULL,
    settled_at           INTEGER
  );
  CREATE INDEX notification_deliveries_due ON notification_deliveries (state, due_at);
  CREATE INDEX notification_deliveries_by_notification ON notification_deliveries (notification_id);
  CREATE INDEX notification_deliveries_sent ON notification_deliveries (recipient_visitor_id, channel, settled_at)
    WHERE state = 'sent';
  `;
