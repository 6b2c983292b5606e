/** Palettes of clustered image versions. */
export default `
  CREATE TABLE palettes (
    palette_id TEXT PRIMARY KEY,
    image_id   TEXT NOT NULL,
    version    INTEGER NOT NULL,
    k          INTEGER NOT NULL,
    algorithm  TEXT NOT NULL,
    colours    TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX palettes_by_image ON palettes (image_id, version, created_at DESC);
  `;
