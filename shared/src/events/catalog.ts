import { z } from 'zod';
import { galleryUserIdSchema } from '../domain/gallery';
import { IMAGE_KINDS, imageVariantSchema } from '../domain/image';
import { imageIdSchema, notificationIdSchema, uploadIntentIdSchema, visitorIdSchema } from '../domain/ids';
import { UPLOAD_STATUSES } from '../domain/upload';
import { paletteIdSchema as paletteId } from '../domain/palette';
import { defineEvent } from './define-event';

/** The event catalog: every event of the system, its topic, payload schema and version. */

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** Which version of which image an event is about. */
const imageVersion = { imageId: imageIdSchema, version: z.number().int().positive() };
/** A stored version as the colour pipeline sees it: whose image, and of what kind. */
const pipelineImage = {
  ...imageVersion,
  kind: z.enum(IMAGE_KINDS),
  ownerVisitorId: visitorIdSchema.nullable(),
};

/** A new version of an image was stored (staff photo, operator upload): the colour pipeline starts here. */
export const imageUploaded = defineEvent({
  name: 'image.uploaded',
  topic: 'image-uploaded',
  schema: z.strictObject(pipelineImage),
  orderBy: 'imageId',
});

/** New one-time URLs of an image now serve another version or variant: the backend records it per participant. */
export const imageUpdated = defineEvent({
  name: 'image.updated',
  topic: 'image-updated',
  schema: z.strictObject({
    ...imageVersion,
    variant: imageVariantSchema,
    ownerVisitorId: visitorIdSchema.nullable(),
    /** Set when the update is for a participant other than the owner (a recolouring made for a visitor). */
    visitorId: visitorIdSchema.nullable().default(null),
    updatedAt: z.iso.datetime(),
  }),
  orderBy: 'imageId',
});

/**
 * A worker stored a derived image (clustered, generated, or a processed look) under the derived prefix: the image
 * server records it and swaps what the image's new one-time URLs serve, unless a newer version has arrived.
 */
export const variantReady = defineEvent({
  name: 'image.variant-ready',
  topic: 'image-variant-ready',
  schema: z.strictObject({
    ...imageVersion,
    variant: z.enum(['clustered', 'generated', 'processed']),
    blobKey: z.string().min(1).max(512),
    contentType: z.string().min(1),
    bytes: z.number().int().positive(),
    sha256,
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    paletteId: paletteId.nullable(),
    /** For a look: the participant it was made for (its owner), and the image it was made from. */
    visitorId: visitorIdSchema.nullable(),
    sourceImageId: imageIdSchema.nullable(),
  }),
  orderBy: 'imageId',
});

/** An operator asked for a generative artwork of an image version from a palette. */
export const generationRequested = defineEvent({
  name: 'generation.requested',
  topic: 'generation-requested',
  schema: z.strictObject({ ...imageVersion, paletteId }),
  orderBy: 'imageId',
});

/** Recolour a participant's clustered photo with the colours of chosen palettes, for that participant. */
export const processingRequested = defineEvent({
  name: 'processing.requested',
  topic: 'processing-requested',
  schema: z.strictObject({
    ...imageVersion,
    paletteIds: z.array(paletteId).min(1).max(8),
    visitorId: visitorIdSchema,
  }),
  orderBy: 'visitorId',
});

/**
 * The image server recorded a version's clustered image and its palette: the automation rules start here (the
 * generation worker's for event images, the processing worker's for participant photos).
 */
export const imageClustered = defineEvent({
  name: 'image.clustered',
  topic: 'image-clustered',
  schema: z.strictObject({ ...pipelineImage, paletteId }),
  orderBy: 'imageId',
});

/**
 * Activity of participants, published from the transactional outbox to one topic and routed by the `source`
 * attribute: the notification worker's subscription filters on `source = "likes"`.
 */
export const ACTIVITY_TOPIC = 'activity';
export const LIKES_SOURCE = 'likes';

const likeFields = {
  imageId: imageIdSchema,
  likerVisitorId: visitorIdSchema,
  /** The participant told about it: null for a self-like or an image with no owner (an event image). */
  recipientVisitorId: visitorIdSchema.nullable(),
  notificationId: notificationIdSchema.nullable(),
};

/** A participant liked an image; the like, the recipient's notification and this event were committed together. */
export const likeCreated = defineEvent({
  name: 'like.created',
  topic: ACTIVITY_TOPIC,
  schema: z.strictObject({ ...likeFields, likedAt: z.iso.datetime() }),
});

/** A participant withdrew a like; `notificationRemoved` when it was the last one of its notification. */
export const likeRemoved = defineEvent({
  name: 'like.removed',
  topic: ACTIVITY_TOPIC,
  schema: z.strictObject({ ...likeFields, notificationRemoved: z.boolean(), removedAt: z.iso.datetime() }),
});

/** A 64-bit number as Cloud Storage's JSON API renders it: a decimal string. */
const decimal64 = z.string().regex(/^[0-9]{1,20}$/);

/** The fields both Cloud Storage notifications read from the object resource. */
const storageObject = {
  name: z.string().min(1).max(1024),
  bucket: z.string().min(1),
  generation: decimal64,
  contentType: z.string().optional(),
  timeCreated: z.string().optional(),
};

/**
 * Cloud Storage announced a new object under the gallery prefix (its OBJECT_FINALIZE notification, JSON_API_V1: the
 * attributes carry eventType, bucketId and objectId; the data is the object resource). Cloud Storage publishes it,
 * so it carries no event or version attribute; the embedded `npm run gallery:ingest` publishes the same shape.
 */
export const galleryObjectFinalized = defineEvent({
  name: 'storage.object-finalized',
  topic: 'gallery-storage',
  schema: z.object({
    ...storageObject,
    /** Custom metadata: `owner-user-id` names the gallery user who contributed the image. */
    metadata: z.record(z.string(), z.string()).optional(),
  }),
});

/** A gallery object to register in the catalog, in order per object (the seed's FIFO queue before putItems). */
export const galleryObjectAdded = defineEvent({
  name: 'gallery.object-added',
  topic: 'gallery-objects',
  schema: z.strictObject({
    objectKey: z.string().min(1).max(1024),
    bucket: z.string().min(1),
    generation: decimal64,
    ownerUserId: galleryUserIdSchema.nullable(),
    finalizedAt: z.iso.datetime(),
  }),
  orderBy: 'objectKey',
});

/**
 * Cloud Storage announced a finished direct upload under uploads/ (its OBJECT_FINALIZE notification, JSON_API_V1:
 * attributes eventType, bucketId, objectId, objectGeneration, payloadFormat; the data is the object resource).
 * Cloud Storage publishes it with no event or version attribute; the embedded upload endpoint publishes the same
 * shape (shared/src/events/storage-notification.ts).
 */
export const uploadObjectFinalized = defineEvent({
  name: 'upload.object-finalized',
  topic: 'uploads-finalized',
  schema: z.object({ ...storageObject, size: decimal64 }),
});

/** An upload intent changed status: the backend wakes the SSE streams that watch it. */
export const uploadStatusChanged = defineEvent({
  name: 'upload.status-changed',
  topic: 'upload-status',
  schema: z.strictObject({
    intentId: uploadIntentIdSchema,
    status: z.enum(UPLOAD_STATUSES),
    ownerVisitorId: visitorIdSchema.nullable(),
    revision: z.number().int().positive(),
  }),
  orderBy: 'intentId',
});

/** Deliver the intent's webhook (its callbackUrl) for the revision named: retried with the bus's backoff. */
export const uploadCallbackRequested = defineEvent({
  name: 'upload.callback-requested',
  topic: 'upload-callbacks',
  schema: z.strictObject({ intentId: uploadIntentIdSchema, revision: z.number().int().positive() }),
});

/** Regenerate an upload's missing derivatives (the size list changed): its own topic, behind new uploads. */
export const uploadBackfillRequested = defineEvent({
  name: 'upload.backfill-requested',
  topic: 'upload-backfill',
  schema: z.strictObject({ intentId: uploadIntentIdSchema }),
});

export const catalog = {
  imageUploaded,
  imageUpdated,
  variantReady,
  generationRequested,
  processingRequested,
  imageClustered,
  likeCreated,
  likeRemoved,
  galleryObjectFinalized,
  galleryObjectAdded,
  uploadObjectFinalized,
  uploadStatusChanged,
  uploadCallbackRequested,
  uploadBackfillRequested,
} as const;
