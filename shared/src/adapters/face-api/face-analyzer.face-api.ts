import sharp from 'sharp';
import { EXPRESSIONS, type Expression, type ExpressionScores } from '../../domain/gallery';
import { errors } from '../../errors/errors';
import type { DetectedFace, FaceAnalyzer } from '../../ports/face-analyzer.port';
import { loadFaceModels } from './face-models';

export interface FaceApiAnalyzerOptions {
  /** Selfies are shrunk to fit this many pixels a side before detection: bounded work, and plenty for a face. */
  maxSide: number;
  /** Detections below this confidence are not faces. */
  minConfidence: number;
  /** Detector only (no landmarks, expressions or descriptor): the benchmark's anchor. */
  detectOnly?: boolean;
}

export const DEFAULT_FACE_API_OPTIONS: FaceApiAnalyzerOptions = { maxSide: 800, minConfidence: 0.5 };

/**
 * The embedded face analyser: face-api (SSD MobileNet v1 detector, 68-point landmarks, expression and recognition
 * networks) on TensorFlow.js's WASM backend. Analyses run one at a time: the backend is single-threaded, so
 * interleaving two would only make both slower and hold two images' tensors at once.
 */
export class FaceApiFaceAnalyzer implements FaceAnalyzer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: FaceApiAnalyzerOptions = DEFAULT_FACE_API_OPTIONS) {}

  /** Loads the models now rather than on the first selfie (they are shared by the process). */
  async warmUp(): Promise<number> {
    return (await loadFaceModels()).loadMs;
  }

  analyze(path: string): Promise<DetectedFace[]> {
    const run = this.queue.then(() => this.run(path));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(path: string): Promise<DetectedFace[]> {
    const { faceapi, tf } = await loadFaceModels();
    // Auto-oriented (a phone's EXIF rotation), alpha dropped, shrunk to maxSide: 8-bit RGB rows for the tensor.
    // A file the decoder refuses is the caller's bad image, never our failure (the selfie is inspected first, so
    // this is only the backstop).
    const { data, info } = await sharp(path)
      .rotate()
      .resize(this.options.maxSide, this.options.maxSide, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
      .catch(() => {
        throw errors.imageInvalid('the data could not be decoded');
      });
    const meta = await sharp(path).metadata();
    const originalWidth = meta.autoOrient?.width ?? meta.width ?? info.width;
    const scale = originalWidth / info.width;
    const input = tf.tensor3d(
      new Uint8Array(data.buffer, data.byteOffset, data.length),
      [info.height, info.width, 3],
      'int32',
    );
    try {
      const detector = new faceapi.SsdMobilenetv1Options({
        minConfidence: this.options.minConfidence,
        maxResults: 10,
      });
      if (this.options.detectOnly) {
        const detections = await faceapi.detectAllFaces(input as never, detector);
        return detections.map((d) => ({
          box: scaled(d.box, scale),
          score: d.score,
          expressions: {},
          descriptor: null,
        }));
      }
      const faces = await faceapi
        .detectAllFaces(input as never, detector)
        .withFaceLandmarks()
        .withFaceExpressions()
        .withFaceDescriptors();
      return faces
        .map((f) => ({
          box: scaled(f.detection.box, scale),
          score: f.detection.score,
          expressions: scores(f.expressions as unknown as Record<string, number>),
          descriptor: Array.from(f.descriptor),
        }))
        .sort((a, b) => b.score - a.score);
    } finally {
      input.dispose();
    }
  }
}

const scaled = (box: { x: number; y: number; width: number; height: number }, scale: number) => ({
  x: Math.round(box.x * scale),
  y: Math.round(box.y * scale),
  width: Math.round(box.width * scale),
  height: Math.round(box.height * scale),
});

/** face-api's labels are the domain's names (it knows no "confused"). */
function scores(raw: Record<string, number>): ExpressionScores {
  const out: ExpressionScores = {};
  for (const expression of EXPRESSIONS) {
    const value = raw[expression];
    if (typeof value === 'number') out[expression as Expression] = value;
  }
  return out;
}
