import { createHash } from 'node:crypto';
import { z } from 'zod';

export type Rgb = [number, number, number];
export type Lab = [number, number, number];

export interface PaletteColour {
  hex: string;
  rgb: Rgb;
  lab: Lab;
  /** Fraction of the image's pixels nearest to this colour (0..1); the shares of a palette sum to 1. */
  share: number;
}

export interface Palette {
  paletteId: string;
  imageId: string;
  version: number;
  k: number;
  /** `kmeans-lab@<n>`: part of the palette id, so a changed algorithm never reuses an old id. */
  algorithm: string;
  /** Ordered by share, largest first. */
  colours: PaletteColour[];
  createdAt: Date;
}

/** The same content, algorithm and k always give the same palette id (and, the seed being fixed, the same palette). */
export function paletteIdFor(contentSha256: string, algorithm: string, k: number): string {
  const digest = createHash('sha256').update(`${contentSha256}\n${algorithm}\n${k}`).digest('hex');
  return `pal_${digest.slice(0, 24)}`;
}

export const paletteIdSchema = z.string().regex(/^pal_[0-9a-f]{24}$/, 'must be a palette id');

export const toHex = ([r, g, b]: Rgb): string =>
  `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
