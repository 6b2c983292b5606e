import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

/**
 * Photos that @vladmandic/face-api ships in its demo/ folder (1920 px wide, three to five people each), and single
 * faces cut out of them: selfies for the tests and the benchmark, with nothing downloaded.
 */
const require = createRequire(import.meta.url);
const demoDir = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');

export const samplePhoto = (n: 1 | 2 | 3 | 4 | 5 | 6): string => join(demoDir, `sample${n}.jpg`);

/** Faces in the full-size samples (x, y, width, height), as the detector found them. */
export const SAMPLE_FACES = {
  /** sample1, right: smiling, long fair hair. */
  fair: { sample: 1, box: { x: 1476, y: 199, width: 203, height: 241 } },
  /** sample1, middle: dark hair, eyes down. */
  dark: { sample: 1, box: { x: 838, y: 421, width: 186, height: 228 } },
  /** sample1, left: face paint, hair bow. */
  bow: { sample: 1, box: { x: 414, y: 355, width: 177, height: 240 } },
} as const;

export type SampleFace = keyof typeof SAMPLE_FACES;

export interface Reframe {
  /** Extra room around the face, as a share of its size on each side (0.6 by default). */
  margin?: number;
  /** Shifts the crop by this share of the face's size (re-framing: the face is no longer centred). */
  shiftX?: number;
  shiftY?: number;
  /** The crop's output width in pixels (800 by default: a phone selfie after the app's resize). */
  width?: number;
  /** Brightness multiplier (re-lighting), 1 by default. */
  brightness?: number;
}

/** A JPEG selfie of one sample face: cropped with a margin, optionally re-framed, resized and re-lit. */
export async function faceSelfie(face: SampleFace, reframe: Reframe = {}): Promise<Buffer> {
  const { sample, box } = SAMPLE_FACES[face];
  const margin = reframe.margin ?? 0.6;
  const image = sharp(samplePhoto(sample));
  const { width = 0, height = 0 } = await image.metadata();
  const cx = box.x + box.width / 2 + (reframe.shiftX ?? 0) * box.width;
  const cy = box.y + box.height / 2 + (reframe.shiftY ?? 0) * box.height;
  const half = (Math.max(box.width, box.height) * (1 + 2 * margin)) / 2;
  const left = Math.max(0, Math.round(cx - half));
  const top = Math.max(0, Math.round(cy - half));
  const region = {
    left,
    top,
    width: Math.min(width - left, Math.round(2 * half)),
    height: Math.min(height - top, Math.round(2 * half)),
  };
  return image
    .extract(region)
    .resize({ width: reframe.width ?? 800 })
    .modulate({ brightness: reframe.brightness ?? 1 })
    .jpeg({ quality: 88 })
    .toBuffer();
}
