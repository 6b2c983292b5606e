import { z } from 'zod';
import {
  expressionSchema,
  type FaceAnalysis,
  type GalleryItem,
  type GalleryLike,
  type GalleryUser,
} from '../../domain/gallery';
import type { FaceProbe } from '../../ports/face-index.port';
import type { GallerySession } from '../../ports/gallery-session-repository.port';
import { blobToDescriptor } from './descriptor-blob';
import { instant, json } from './stored';

/** The gallery's records as both stores keep them (see stored.ts). */
export const galleryItemRecord = z.object({
  itemId: z.string(),
  objectKey: z.string(),
  generation: z.string(),
  ownerUserId: z.string().nullable(),
  createdAt: instant,
}) satisfies z.ZodType<GalleryItem>;

export const galleryLikeRecord = z.object({
  userId: z.string(),
  itemId: z.string(),
  expression: expressionSchema.nullable(),
  likedAt: instant,
}) satisfies z.ZodType<GalleryLike>;

export const galleryUserRecord = z.object({
  userId: z.string(),
  expression: expressionSchema,
  /** Null, or an instant the expiry sweep queries (nulls never match a range). */
  faceExpiresAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
}) satisfies z.ZodType<GalleryUser>;

export const gallerySessionRecord = z.object({
  tokenHash: z.string(),
  userId: z.string(),
  createdAt: instant,
  expiresAt: instant,
}) satisfies z.ZodType<GallerySession>;

export const faceAnalysisRecord = z.object({
  analysisId: z.string(),
  expression: expressionSchema,
  confidence: z.number(),
  box: json(z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() })),
  /** An array in Firestore, a float32 blob in SQLite. */
  descriptor: z.union([z.array(z.number()), z.instanceof(Buffer).transform(blobToDescriptor)]).nullable(),
  matchedUserId: z.string().nullable(),
  usedByUserId: z.string().nullable(),
  createdAt: instant,
  expiresAt: instant,
}) satisfies z.ZodType<FaceAnalysis>;

/** The descriptor both face indexes search by; a probe without one is the caller's mistake. */
export function requireDescriptor(probe: FaceProbe): number[] {
  if (probe.descriptor === null)
    throw new Error('this face index searches by descriptor; the probe has none');
  return probe.descriptor;
}
