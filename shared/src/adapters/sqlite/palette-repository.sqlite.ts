import type { Palette } from '../../domain/palette';
import type { PaletteRepository } from '../../ports/palette-repository.port';
import { paletteRecord } from '../records/images';
import { parsedOrNull } from '../records/stored';
import type { SqliteDatabase } from './database';
import { columns, insertInto, row } from './rows';

const SELECT = `SELECT ${columns(paletteRecord)} FROM palettes`;

/** A palette as one image version has it: the shared colours, that version's image id, version and link time. */
const LINKED = `SELECT p.palette_id AS paletteId, l.image_id AS imageId, l.version, p.k, p.algorithm, p.colours,
    l.created_at AS createdAt
  FROM palette_links l JOIN palettes p ON p.palette_id = l.palette_id`;

/**
 * palettes holds each content-addressed palette once; palette_links says which palette each image version has, so
 * two versions with the same pixels share one palette and each finds it.
 */
export class SqlitePaletteRepository implements PaletteRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async save(palette: Palette): Promise<Palette> {
    this.db.transaction(() => {
      const params = row(palette);
      this.db
        .prepare(`${insertInto('palettes', paletteRecord)} ON CONFLICT (palette_id) DO NOTHING`)
        .run(params);
      this.db
        .prepare(
          `${insertInto('palette_links', ['imageId', 'version', 'paletteId', 'createdAt'])} ON CONFLICT DO NOTHING`,
        )
        .run(params);
    })();
    return (await this.linked(palette.imageId, palette.version, palette.paletteId))!;
  }

  async get(paletteId: string): Promise<Palette | null> {
    const found = this.db.prepare(`${SELECT} WHERE palette_id = ?`).get(paletteId);
    return parsedOrNull(paletteRecord, found);
  }

  async forImage(imageId: string, version: number): Promise<Palette | null> {
    const found = this.db
      .prepare(`${LINKED} WHERE l.image_id = ? AND l.version = ? ORDER BY l.created_at DESC LIMIT 1`)
      .get(imageId, version);
    return parsedOrNull(paletteRecord, found);
  }

  private async linked(imageId: string, version: number, paletteId: string): Promise<Palette | null> {
    const found = this.db
      .prepare(`${LINKED} WHERE l.image_id = ? AND l.version = ? AND l.palette_id = ?`)
      .get(imageId, version, paletteId);
    return parsedOrNull(paletteRecord, found);
  }
}
