import type { ExpressionScores, FaceBox } from '../domain/gallery';

export interface DetectedFace {
  box: FaceBox;
  /** Detector confidence in [0, 1]. */
  score: number;
  expressions: ExpressionScores;
  /** An embedding of the face (128 numbers) where the same person lands close, or null when the analyser makes none. */
  descriptor: number[] | null;
}

/** Finds the faces in an image and reads each one's expression (a local network embedded, Rekognition in the cloud). */
export interface FaceAnalyzer {
  /**
   * Every face found in the image file at `path` (already inspected: a whole, decodable image), strongest first.
   * Boxes are in the pixels of the auto-oriented image.
   */
  analyze(path: string): Promise<DetectedFace[]>;
}
