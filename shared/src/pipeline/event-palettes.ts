import type { Palette } from '../domain/palette';
import type { ImageRepository } from '../ports/image-repository.port';
import type { PaletteRepository } from '../ports/palette-repository.port';

const PAGE = 50;
/** Event images read at most: an event has tens to hundreds; palettes beyond these are not "newest". */
const MAX_SCANNED = 500;

/**
 * The palettes of the newest event images (newest upload first), each palette once, at most `limit`: what automatic
 * looks take with "the newest N" and what operators pick pinned palettes from. Images not clustered yet are passed.
 */
export async function newestEventPalettes(
  deps: { images: Pick<ImageRepository, 'list'>; palettes: Pick<PaletteRepository, 'forImage'> },
  limit: number,
): Promise<Palette[]> {
  const found = new Map<string, Palette>();
  let after: string | null = null;
  for (let scanned = 0; scanned < MAX_SCANNED && found.size < limit; scanned += PAGE) {
    const page = await deps.images.list({ kind: 'event' }, { limit: PAGE, after });
    const palettes = await Promise.all(
      page.items
        .filter((image) => image.currentVersion > 0)
        .map((image) => deps.palettes.forImage(image.imageId, image.currentVersion)),
    );
    for (const palette of palettes) {
      if (palette && !found.has(palette.paletteId) && found.size < limit)
        found.set(palette.paletteId, palette);
    }
    if (page.next === null) break;
    after = page.next;
  }
  return [...found.values()];
}
