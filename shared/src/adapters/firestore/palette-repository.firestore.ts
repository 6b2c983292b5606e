import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import type { z } from 'zod';
import type { Palette } from '../../domain/palette';
import type { PaletteRepository } from '../../ports/palette-repository.port';
import { paletteRecord } from '../records/images';
import { parsedOrNull } from '../records/stored';
import { collectionName, type FirestoreAdapterOptions } from './documents';

const toPalette = (data: unknown): Palette => paletteRecord.parse(data);

/** paletteLinks/{imageId}.{version}.{paletteId}: which palette one image version has (palettes are shared). */
const linkDoc = paletteRecord.pick({ imageId: true, version: true, paletteId: true, createdAt: true });
type PaletteLink = z.infer<typeof linkDoc>;

const asLinked = (palette: Palette, link: PaletteLink): Palette => ({
  ...palette,
  imageId: link.imageId,
  version: link.version,
  createdAt: link.createdAt,
});

/** palettes/{paletteId}: the id is a digest of the palette's inputs, so it spreads evenly and makes save idempotent. */
export class FirestorePaletteRepository implements PaletteRepository {
  private readonly palettes: CollectionReference;
  private readonly links: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.palettes = db.collection(collectionName(options, 'palettes'));
    this.links = db.collection(collectionName(options, 'paletteLinks'));
  }

  /** One transaction: the palette is created if its id is new, the version's link if it is new; both or neither. */
  async save(palette: Palette): Promise<Palette> {
    const ref = this.palettes.doc(palette.paletteId);
    const linkRef = this.links.doc(`${palette.imageId}.${palette.version}.${palette.paletteId}`);
    return this.db.runTransaction(async (tx) => {
      const [stored, linked] = await tx.getAll(ref, linkRef);
      const content = stored!.exists ? toPalette(stored!.data()) : palette;
      const link = linked!.exists
        ? linkDoc.parse(linked!.data())
        : {
            imageId: palette.imageId,
            version: palette.version,
            paletteId: palette.paletteId,
            createdAt: palette.createdAt,
          };
      if (!stored!.exists) tx.create(ref, palette);
      if (!linked!.exists) tx.create(linkRef, link);
      return asLinked(content, link);
    });
  }

  async get(paletteId: string): Promise<Palette | null> {
    return parsedOrNull(paletteRecord, (await this.palettes.doc(paletteId).get()).data());
  }

  /**
   * The newest link of that version (composite index imageId, version, createdAt DESC), then its palette. Palettes
   * saved before links existed have none: their own document answers for the version they were computed for.
   */
  async forImage(imageId: string, version: number): Promise<Palette | null> {
    const { docs } = await this.links
      .where('imageId', '==', imageId)
      .where('version', '==', version)
      .orderBy('createdAt', 'desc')
      .limit(1)
      .get();
    if (docs[0] !== undefined) {
      const link = linkDoc.parse(docs[0].data());
      const palette = await this.get(link.paletteId);
      return palette ? asLinked(palette, link) : null;
    }
    const legacy = await this.palettes
      .where('imageId', '==', imageId)
      .where('version', '==', version)
      .orderBy('createdAt', 'desc')
      .limit(1)
      .get();
    return legacy.docs[0] === undefined ? null : toPalette(legacy.docs[0].data());
  }
}
