import type { Palette } from '../domain/palette';

/**
 * Colour palettes computed by the clustering worker. A palette id derives from the image's content, the algorithm
 * and k, so image versions with the same pixels share one palette: it is stored once, and each version is linked
 * to it.
 */
export interface PaletteRepository {
  /**
   * Idempotent: the first save of an id keeps its colours; every save links its image version to that palette.
   * Answers the palette as that version has it (its image id and version, the stored colours).
   */
  save(palette: Palette): Promise<Palette>;
  /** The palette as it was first computed (the image version it was computed for). */
  get(paletteId: string): Promise<Palette | null>;
  /** The newest palette linked to one version of an image, as that version has it; null before it is clustered. */
  forImage(imageId: string, version: number): Promise<Palette | null>;
}
