import { z } from 'zod';
import type { Palette } from '../../domain/palette';
import type { PaletteRepository } from '../../ports/palette-repository.port';
import { date, ms, type SqliteDatabase } from './database';

const triple = z.tuple([z.number(), z.number(), z.number()]);
const colours = z.array(z.object({ hex: z.string(), rgb: triple, lab: triple, share: z.number() }));

const paletteRow = z
  .object({
    paletteId: z.string(),
    imageId: z.string(),
    version: z.number().int(),
    k: z.number().int(),
    algorithm: z.string(),
    colours: z.string().transform((s) => colours.parse(JSON.parse(s))),
    createdAt: z.number().int().transform(date),
  })
  .transform((row): Palette => row);

const SELECT = `SELECT palette_id AS paletteId, image_id AS imageId, version, k, algorithm, colours, created_at AS createdAt
  FROM palettes`;

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
      this.db
        .prepare(
          `INSERT INTO palettes (palette_id, image_id, version, k, algorithm, colours, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (palette_id) DO NOTHING`,
        )
        .run(
          palette.paletteId,
          palette.imageId,
          palette.version,
          palette.k,
          palette.algorithm,
          JSON.stringify(palette.colours),
          ms(palette.createdAt),
        );
      this.db
        .prepare(
          `INSERT INTO palette_links (image_id, version, palette_id, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT DO NOTHING`,
        )
        .run(palette.imageId, palette.version, palette.paletteId, ms(palette.createdAt));
    })();
    return (await this.linked(palette.imageId, palette.version, palette.paletteId))!;
  }

  async get(paletteId: string): Promise<Palette | null> {
    const row = this.db.prepare(`${SELECT} WHERE palette_id = ?`).get(paletteId);
    return row ? paletteRow.parse(row) : null;
  }

  async forImage(imageId: string, version: number): Promise<Palette | null> {
    const row = this.db
      .prepare(`${LINKED} WHERE l.image_id = ? AND l.version = ? ORDER BY l.created_at DESC LIMIT 1`)
      .get(imageId, version);
    return row ? paletteRow.parse(row) : null;
  }

  private async linked(imageId: string, version: number, paletteId: string): Promise<Palette | null> {
    const row = this.db
      .prepare(`${LINKED} WHERE l.image_id = ? AND l.version = ? AND l.palette_id = ?`)
      .get(imageId, version, paletteId);
    return row ? paletteRow.parse(row) : null;
  }
}
