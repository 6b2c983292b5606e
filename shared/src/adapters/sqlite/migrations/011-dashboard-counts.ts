/**
 * What the event dashboard counts, each from an index: one row per image version with its kind and upload time
 * (photos per minute is one range scan), backfilled from the versions already stored; images per kind and status;
 * dead letters not yet replayed.
 */
export default `
  CREATE TABLE image_versions (
    image_id   TEXT NOT NULL,
    version    INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (image_id, version)
  ) WITHOUT ROWID;
  CREATE INDEX image_versions_by_kind ON image_versions (kind, created_at);
  INSERT INTO image_versions (image_id, version, kind, created_at)
    SELECT v.image_id, v.version, i.kind, MIN(v.created_at)
    FROM image_variants v JOIN images i ON i.image_id = v.image_id
    GROUP BY v.image_id, v.version;
  CREATE INDEX images_by_kind_status ON images (kind, status);
  CREATE INDEX dead_letters_waiting ON dead_letters (replayed_at);
`;
