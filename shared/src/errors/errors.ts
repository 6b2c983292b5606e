import { AppError } from './app-error';

/** The error catalog: every error the system answers with is built here, so codes stay stable and findable. */
export const errors = {
  // Request shape
  malformedJson: () => new AppError('REQUEST.MALFORMED_JSON', 400, 'The request body is not valid JSON.'),
  invalidRequest: (issues: { path: string; message: string }[]) =>
    new AppError('REQUEST.INVALID', 400, 'The request does not match the expected shape.', { issues }),
  unsupportedMediaType: (expected: string[]) =>
    new AppError(
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      415,
      `Content-Type must be one of: ${expected.join(', ')}.`,
    ),
  payloadTooLarge: (limitBytes: number) =>
    new AppError('REQUEST.TOO_LARGE', 413, `The request body exceeds ${limitBytes} bytes.`, { limitBytes }),
  emptyBody: () => new AppError('REQUEST.EMPTY_BODY', 400, 'The request body is empty.'),
  /** Adapters throw it for a page or feed cursor they did not issue. */
  invalidCursor: () =>
    new AppError('REQUEST.INVALID_CURSOR', 400, 'invalid cursor: not one this list issued.'),
  aborted: () => new AppError('REQUEST.ABORTED', 400, 'The client aborted the request.'),
  notFoundRoute: (method: string, path: string) =>
    new AppError('ROUTE.NOT_FOUND', 404, `No route for ${method} ${path}.`),

  // Identity
  unauthenticated: (reason: string) => new AppError('AUTH.UNAUTHENTICATED', 401, reason),
  accessTokenExpired: () => new AppError('AUTH.TOKEN_EXPIRED', 401, 'The access token has expired.'),
  participantTokenRotated: () =>
    new AppError('AUTH.TOKEN_ROTATED', 401, 'This participant token was replaced by a newer one.'),
  participantTokenRevoked: () =>
    new AppError('AUTH.TOKEN_REVOKED', 401, 'This participant token was withdrawn by the organisers.'),
  forbidden: (reason: string) => new AppError('AUTH.FORBIDDEN', 403, reason),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('RATE.LIMITED', 429, `Too many requests: try again in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    }),

  // Participants
  participantNotFound: (visitorId: string) =>
    new AppError('PARTICIPANT.NOT_FOUND', 404, `Participant ${visitorId} does not exist.`),
  participantExists: (externalRef: string) =>
    new AppError('PARTICIPANT.ALREADY_EXISTS', 409, `A participant with externalRef ${externalRef} exists.`),
  invalidQrCode: (reason: string) => new AppError('QR.INVALID', 400, `The QR code is not valid: ${reason}.`),
  qrExpired: () => new AppError('QR.EXPIRED', 400, 'The QR code has expired; print a fresh one.'),
  registrationClosed: () =>
    new AppError(
      'REGISTRATION.CLOSED',
      403,
      'Self-registration is switched off for this event: ask the staff for a link or QR code.',
    ),
  importInvalid: (issues: { row: number; message: string }[]) =>
    new AppError('IMPORT.INVALID', 400, 'The import has invalid rows; nothing was imported.', { issues }),

  // Images
  imageNotFound: (imageId: string) =>
    new AppError('IMAGE.NOT_FOUND', 404, `Image ${imageId} does not exist.`),
  imageVariantNotFound: (imageId: string, variant: string) =>
    new AppError('IMAGE.VARIANT_NOT_FOUND', 404, `Image ${imageId} has no ${variant} variant.`),
  imageInvalid: (reason: string) =>
    new AppError('IMAGE.INVALID', 422, `The file is not a usable image: ${reason}.`),
  imageTooManyPixels: (pixels: number, limit: number) =>
    new AppError('IMAGE.TOO_MANY_PIXELS', 422, `The image has ${pixels} pixels; the limit is ${limit}.`, {
      pixels,
      limit,
    }),
  imageTypeNotAllowed: (type: string, allowed: string[]) =>
    new AppError('IMAGE.TYPE_NOT_ALLOWED', 415, `Images of type ${type} are not accepted.`, { allowed }),
  paletteNotFound: (paletteId: string) =>
    new AppError('PALETTE.NOT_FOUND', 404, `Palette ${paletteId} does not exist.`),
  imageNotReady: (imageId: string, reason: string) =>
    new AppError('IMAGE.NOT_READY', 409, `Image ${imageId} is not ready: ${reason}.`),
  versionConflict: (currentVersion: number, expectedVersion: number | null) =>
    new AppError(
      'IMAGE.VERSION_CONFLICT',
      409,
      expectedVersion === null
        ? `The participant already has photo version ${currentVersion}; confirm it to overwrite.`
        : `Version ${expectedVersion} is stale; the current version is ${currentVersion}.`,
      { currentVersion, expectedVersion },
    ),
  idempotencyKeyReused: () =>
    new AppError('IMAGE.IDEMPOTENCY_KEY_REUSED', 422, 'This Idempotency-Key was used for another image.'),

  // One-time URLs
  tokenUnknown: () => new AppError('TOKEN.UNKNOWN', 404, 'This image link does not exist.'),
  tokenUsed: () => new AppError('TOKEN.USED', 410, 'This image link has already been used.'),
  tokenExpired: () => new AppError('TOKEN.EXPIRED', 410, 'This image link has expired.'),
  tokenPreviewRefused: () =>
    new AppError('TOKEN.PREVIEW_REFUSED', 403, 'Link previews cannot open single-use image links.'),

  // Notifications
  notificationNotFound: (id: string) =>
    new AppError('NOTIFICATION.NOT_FOUND', 404, `Notification ${id} does not exist.`),

  // Blob storage. Keys are built by our own code, so a bad one is a bug on our side, not the caller's.
  blobInvalidKey: (key: string, reason: string) =>
    new AppError('BLOB.INVALID_KEY', 500, `Invalid blob key ${JSON.stringify(key)}: ${reason}.`),
  blobExists: (key: string) => new AppError('BLOB.ALREADY_EXISTS', 409, `Blob ${key} already exists.`),

  // Bus
  deadLetterNotFound: (id: string) =>
    new AppError('DEAD_LETTER.NOT_FOUND', 404, `Dead letter ${id} does not exist.`),

  // Bus
  deliveryRetry: (reason: string) => new AppError('DELIVERY.RETRY', 503, reason),

  // Face gallery (what a selfie shows: its face and that face's expression)
  faceNone: () => new AppError('FACE.NONE', 422, 'No face was found in the selfie.'),
  /** `faces`: the competing faces' boxes (pixels of the auto-oriented selfie), so a client can help crop one. */
  faceSeveral: (faces: { x: number; y: number; width: number; height: number }[]) =>
    new AppError('FACE.SEVERAL', 422, `The selfie shows ${faces.length} faces; take one with only yours.`, {
      count: faces.length,
      faces,
    }),
  faceTooSmall: (facePx: number, minPx: number) =>
    new AppError(
      'FACE.TOO_SMALL',
      422,
      `The face is ${facePx} px across; come closer (at least ${minPx} px).`,
      {
        facePx,
        minPx,
      },
    ),
  selfieRequired: () =>
    new AppError(
      'FACE.SELFIE_REQUIRED',
      409,
      'Indexing this face needs the selfie: send it again with this request.',
    ),
  analysisNotFound: (analysisId: string) =>
    new AppError(
      'ANALYSIS.NOT_FOUND',
      404,
      `Analysis ${analysisId} does not exist or has expired; send the selfie again.`,
    ),
  galleryUserNotFound: (userId: string) =>
    new AppError('GALLERY.USER_NOT_FOUND', 404, `Gallery user ${userId} does not exist.`),
  galleryItemNotFound: (itemId: string) =>
    new AppError('GALLERY.ITEM_NOT_FOUND', 404, `Gallery item ${itemId} does not exist.`),

  // Dependencies
  dependencyFailed: (dependency: string, cause?: unknown) =>
    new AppError('DEPENDENCY.FAILED', 502, `${dependency} failed to answer.`, undefined, { cause }),
  unavailable: (reason: string) => new AppError('SERVICE.UNAVAILABLE', 503, reason),
  internal: (cause?: unknown) =>
    new AppError('INTERNAL', 500, 'Something went wrong on our side.', undefined, { cause }),
} as const;
