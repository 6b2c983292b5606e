import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { base32, idSchema } from './ids';

/**
 * The face gallery: a visitor shows a selfie, the system reads the face's expression, recognises a returning visitor
 * (only one who consented to being remembered), and recommends event images for that expression and their likes.
 * The API speaks of the face's *expression* (what the face shows), never of what a person feels.
 */
export const EXPRESSIONS = [
  'neutral',
  'happy',
  'sad',
  'angry',
  'fearful',
  'disgusted',
  'surprised',
  'confused',
] as const;
export type Expression = (typeof EXPRESSIONS)[number];
export const expressionSchema = z.enum(EXPRESSIONS);

/** Scores per expression in [0, 1], as a face analyser reports them (not every analyser knows every expression). */
export type ExpressionScores = Partial<Record<Expression, number>>;

/** The strongest expression and its score; neutral with 0 when there are no scores. */
export function topExpression(scores: ExpressionScores): { expression: Expression; confidence: number } {
  let best: { expression: Expression; confidence: number } = { expression: 'neutral', confidence: 0 };
  for (const expression of EXPRESSIONS) {
    const score = scores[expression];
    if (score !== undefined && score > best.confidence) best = { expression, confidence: score };
  }
  return best;
}

/** A face's place in the (auto-oriented) selfie, in pixels. */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Length of a face descriptor (face-api's recognition network embeds a face in 128 dimensions). */
export const DESCRIPTOR_LENGTH = 128;

export function euclideanDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`descriptor lengths differ: ${a.length} and ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum);
}

export interface GalleryUser {
  userId: string;
  /** The expression the user was created with, then the latest one they showed. */
  expression: Expression;
  /** When their face descriptor stops being searchable (null: no face indexed, e.g. no consent). */
  faceExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An image of the gallery catalog: an object an operator copied under the gallery prefix, now an event image. */
export interface GalleryItem {
  /** The image id the image server stores it under: one-time URLs are issued for it. */
  itemId: string;
  /** The object it came from (`gallery/…`) and the object's generation. */
  objectKey: string;
  generation: string;
  /** The gallery user who contributed it (never recommended to them), if any. */
  ownerUserId: string | null;
  createdAt: Date;
}

export interface GalleryLike {
  userId: string;
  itemId: string;
  /** The expression the user showed when they liked it: what expression-seeded recommendations learn from. */
  expression: Expression | null;
  likedAt: Date;
}

/**
 * One analysed selfie, kept for a few minutes so that createUser can index the face without a second upload. It
 * holds the face's descriptor, never the image; the descriptor is dropped as soon as it has been used.
 */
export interface FaceAnalysis {
  analysisId: string;
  expression: Expression;
  confidence: number;
  box: FaceBox;
  descriptor: number[] | null;
  /** The user the face was recognised as, if any. */
  matchedUserId: string | null;
  /** The user createUser made (or found) from it: a retry answers the same user. */
  usedByUserId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * 130 random bits. An analysis id, and the user id derived from it, are what the user presents: neither may be
 * guessable.
 */
export const newAnalysisId = (): string => `fa_${base32(randomBytes(26), 26)}`;
/** The user createUser makes from an analysis: the same analysis always gives the same user (a retry is harmless). */
export const userIdForAnalysis = (analysisId: string): string =>
  `gu_${base32(createHash('sha256').update(`gallery-user\u0000${analysisId}`).digest(), 26)}`;

export const galleryUserIdSchema = idSchema('gu', 'a gallery user id', 26);
export const analysisIdSchema = idSchema('fa', 'an analysis id', 26);
