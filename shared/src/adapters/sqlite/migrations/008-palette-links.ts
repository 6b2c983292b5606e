/**
 * Palette ids are content-addressed, so two image versions with the same pixels share one palette: the palettes
 * table holds each palette once (with the version it was first computed for), and palette_links says which palette
 * each image version has. The existing palettes link their own version.
 */
export default `
  CREATE TABLE palette_links (
    image_id   TEXT NOT NULL,
    version    INTEGER NOT NULL,
    palette_id TEXT NOT NULL REFERENCES palettes (palette_id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (image_id, version, palette_id)
  );
  CREATE INDEX palette_links_by_image ON palette_links (image_id, version, created_at DESC);
  INSERT INTO palette_links (image_id, version, palette_id, created_at)
    SELECT image_id, version, palette_id, created_at FROM palettes;
`;
