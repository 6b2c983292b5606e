import { readFile } from 'node:fs/promises';
import {
  DetectFacesCommand,
  type EmotionName,
  type FaceDetail,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import sharp from 'sharp';
import type { Expression, ExpressionScores } from '../../domain/gallery';
import { errors } from '../../errors/errors';
import type { DetectedFace, FaceAnalyzer } from '../../ports/face-analyzer.port';
import { awsErrorName, dependencyError } from './aws-errors';

/** Rekognition's emotion names in the domain's words: what the face shows (CALM reads as a neutral face). */
const EXPRESSION_OF: Partial<Record<EmotionName, Expression>> = {
  HAPPY: 'happy',
  SAD: 'sad',
  ANGRY: 'angry',
  CONFUSED: 'confused',
  DISGUSTED: 'disgusted',
  SURPRISED: 'surprised',
  CALM: 'neutral',
  FEAR: 'fearful',
};

/** Rekognition takes at most 5 MB of image bytes in a request. */
export const REKOGNITION_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The cloud face analyser: Amazon Rekognition DetectFaces with every attribute. It makes no descriptor (Rekognition
 * keeps its face vectors to itself), so the cloud pairs it with the Rekognition face index, which works on images.
 */
export class RekognitionFaceAnalyzer implements FaceAnalyzer {
  constructor(private readonly client: RekognitionClient) {}

  async analyze(path: string): Promise<DetectedFace[]> {
    const bytes = await readFile(path);
    if (bytes.length > REKOGNITION_MAX_BYTES) throw errors.payloadTooLarge(REKOGNITION_MAX_BYTES);
    const meta = await sharp(bytes).metadata();
    const width = meta.autoOrient?.width ?? meta.width ?? 0;
    const height = meta.autoOrient?.height ?? meta.height ?? 0;
    let details: FaceDetail[];
    try {
      const response = await this.client.send(
        new DetectFacesCommand({ Image: { Bytes: bytes }, Attributes: ['ALL'] }),
      );
      details = response.FaceDetails ?? [];
    } catch (err) {
      if (awsErrorName(err) === 'InvalidImageFormatException')
        throw errors.imageInvalid('Rekognition cannot read it');
      if (awsErrorName(err) === 'ImageTooLargeException') throw errors.payloadTooLarge(REKOGNITION_MAX_BYTES);
      throw dependencyError('Amazon Rekognition', err);
    }
    return details
      .map((face): DetectedFace => {
        const box = face.BoundingBox ?? {};
        const expressions: ExpressionScores = {};
        for (const emotion of face.Emotions ?? []) {
          const expression = emotion.Type ? EXPRESSION_OF[emotion.Type] : undefined;
          if (expression) expressions[expression] = (emotion.Confidence ?? 0) / 100;
        }
        return {
          box: {
            x: Math.round((box.Left ?? 0) * width),
            y: Math.round((box.Top ?? 0) * height),
            width: Math.round((box.Width ?? 0) * width),
            height: Math.round((box.Height ?? 0) * height),
          },
          score: (face.Confidence ?? 0) / 100,
          expressions,
          descriptor: null,
        };
      })
      .sort((a, b) => b.score - a.score);
  }
}
