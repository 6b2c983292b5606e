import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import type { Palette } from '../../domain/palette';
import type { PaletteRepository } from '../../ports/palette-repository.port';
import {
  collectionName,
  isAlreadyExists,
  timestamp,
  toTimestamp,
  type FirestoreAdapterOptions,
} from './documents';

const triple = z.tuple([z.number(), z.number(), z.number()]);

/** palettes/{paletteId}: the id is a digest of the palette's inputs, so it spreads evenly and makes save idempotent. */
const paletteDoc = z
  .object({
    paletteId: z.string(),
    imageId: z.string(),
    version: z.number().int(),
    k: z.number().int(),
    algorithm: z.string(),
    colours: z.array(z.object({ hex: z.string(), rgb: triple, lab: triple, share: z.number() })),
    createdAt: timestamp,
  })
  .transform((doc): Palette => doc);

const toPalette = (data: unknown): Palette => paletteDoc.parse(data);

export class FirestorePaletteRepository implements PaletteRepository {
  private readonly palettes: CollectionReference;

  constructor(db: Firestore, options?: FirestoreAdapterOptions) {
    this.palettes = db.collection(collectionName(options, 'palettes'));
  }

  /** create() fails when the id exists: the second save reads back and returns the first palette. */
  async save(palette: Palette): Promise<Palette> {
    const ref = this.palettes.doc(palette.paletteId);
    try {
      await ref.create({ ...palette, createdAt: toTimestamp(palette.createdAt) });
      return palette;
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      return toPalette((await ref.get()).data());
    }
  }

  async get(paletteId: string): Promise<Palette | null> {
    const snapshot = await this.palettes.doc(paletteId).get();
    return snapshot.exists ? toPalette(snapshot.data()) : null;
  }

  /** The newest palette of that version; served by the composite index (imageId, version, createdAt DESC). */
  async forImage(imageId: string, version: number): Promise<Palette | null> {
    const { docs } = await this.palettes
      .where('imageId', '==', imageId)
      .where('version', '==', version)
      .orderBy('createdAt', 'desc')
      .limit(1)
      .get();
    return docs[0] === undefined ? null : toPalette(docs[0].data());
  }
}
