import type { Palette } from '../domain/palette';

/** Colour palettes computed by the clustering worker. */
export interface PaletteRepository {
  /** Idempotent: a palette id is derived from its inputs, so a second save of the same id keeps the first. */
  save(palette: Palette): Promise<Palette>;
  get(paletteId: string): Promise<Palette | null>;
  /** The palette of one version of an image, if it has been clustered. */
  forImage(imageId: string, version: number): Promise<Palette | null>;
}
