import { AppError } from './app-error';

/** A catalog entry: builds its error, and says what it is for the API documents (code, status, description). */
export interface CatalogEntry<A extends unknown[] = never> {
  (...args: A): AppError;
  readonly code: string;
  readonly status: number;
  /** The error explained; by default its message built from `sample` (placeholders such as `{imageId}`). */
  readonly description: string;
}

/** An entry whose code and status are read from the error it builds, so the documents cannot drift from them. */
export function entry<A extends unknown[]>(
  make: (...args: A) => AppError,
  sample: A,
  description?: string,
): CatalogEntry<A> {
  const example = make(...sample);
  return Object.assign(make, {
    code: example.code,
    status: example.status,
    description: description ?? example.message,
  });
}

/**
 * The error catalog: every error the system answers with is built here, so codes stay stable and findable, and the
 * API documents describe each from its entry.
 */
export const errors = {
  // Request shape
  malformedJson: entry(
    () => new AppError('REQUEST.MALFORMED_JSON', 400, 'The request body is not valid JSON.'),
    [],
  ),
  invalidRequest: entry(
    (issues: { path: string; message: string }[]) =>
      new AppError('REQUEST.INVALID', 400, 'The request does not match the expected shape.', { issues }),
    [[]],
    'The request does not match the expected shape; `details.issues` lists every problem (`path`, `message`).',
  ),
  unsupportedMediaType: entry(
    (expected: string[]) =>
      new AppError(
        'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        415,
        `Content-Type must be one of: ${expected.join(', ')}.`,
      ),
    [[]],
    'The body has a Content-Type this route does not accept; the message names the accepted ones.',
  ),
  payloadTooLarge: entry(
    (limitBytes: number) =>
      new AppError('REQUEST.TOO_LARGE', 413, `The request body exceeds ${limitBytes} bytes.`, { limitBytes }),
    [0],
    'The body is too large; `details.limitBytes` is the limit.',
  ),
  emptyBody: entry(() => new AppError('REQUEST.EMPTY_BODY', 400, 'The request body is empty.'), []),
  /** Adapters throw it for a page or feed cursor they did not issue. */
  invalidCursor: entry(
    () => new AppError('REQUEST.INVALID_CURSOR', 400, 'invalid cursor: not one this list issued.'),
    [],
    'A page or feed cursor (`after`, `since`) this API did not issue.',
  ),
  aborted: entry(() => new AppError('REQUEST.ABORTED', 400, 'The client aborted the request.'), []),
  notFoundRoute: entry(
    (method: string, path: string) => new AppError('ROUTE.NOT_FOUND', 404, `No route for ${method} ${path}.`),
    ['GET', '/'],
    'No route has this method and path.',
  ),

  // Identity
  unauthenticated: entry(
    (reason: string) => new AppError('AUTH.UNAUTHENTICATED', 401, reason),
    [''],
    'No bearer token, a malformed Authorization header, or a token that does not verify.',
  ),
  accessTokenExpired: entry(
    () => new AppError('AUTH.TOKEN_EXPIRED', 401, 'The access token has expired.'),
    [],
    'The access token has expired: get a new one.',
  ),
  participantTokenRotated: entry(
    () => new AppError('AUTH.TOKEN_ROTATED', 401, 'This participant token was replaced by a newer one.'),
    [],
    'A participant token that was replaced (by its participant or an operator): sign in with the new one.',
  ),
  participantTokenRevoked: entry(
    () => new AppError('AUTH.TOKEN_REVOKED', 401, 'This participant token was withdrawn by the organisers.'),
    [],
    'A participant token an operator withdrew: no token works for this participant until an operator issues one.',
  ),
  forbidden: entry(
    (reason: string) => new AppError('AUTH.FORBIDDEN', 403, reason),
    [''],
    'The caller is known but may not do this.',
  ),
  rateLimited: entry(
    (retryAfterSeconds: number) =>
      new AppError('RATE.LIMITED', 429, `Too many requests: try again in ${retryAfterSeconds} s.`, {
        retryAfterSeconds,
      }),
    [0],
    'Too many calls of this kind from this caller: wait `Retry-After` seconds (also `details.retryAfterSeconds`).',
  ),

  // Participants
  participantNotFound: entry(
    (visitorId: string) =>
      new AppError('PARTICIPANT.NOT_FOUND', 404, `Participant ${visitorId} does not exist.`),
    ['{visitorId}'],
  ),
  participantExists: entry(
    (externalRef: string) =>
      new AppError(
        'PARTICIPANT.ALREADY_EXISTS',
        409,
        `A participant with externalRef ${externalRef} exists.`,
      ),
    ['{externalRef}'],
  ),
  invalidQrCode: entry(
    (reason: string) => new AppError('QR.INVALID', 400, `The QR code is not valid: ${reason}.`),
    [''],
    'The QR payload is not one this event signed (unrecognised format or signature mismatch).',
  ),
  qrExpired: entry(() => new AppError('QR.EXPIRED', 400, 'The QR code has expired; print a fresh one.'), []),
  registrationClosed: entry(
    () =>
      new AppError(
        'REGISTRATION.CLOSED',
        403,
        'Self-registration is switched off for this event: ask the staff for a link or QR code.',
      ),
    [],
    'Self-registration is switched off for this event (`SELF_REGISTRATION`, off unless the event turns it on).',
  ),
  importInvalid: entry(
    (issues: { row: number; message: string }[]) =>
      new AppError('IMPORT.INVALID', 400, 'The import has invalid rows; nothing was imported.', { issues }),
    [[]],
    'Some rows are invalid and nothing was imported; `details.issues` names each (`row` counts from 1; 0 is the file as a whole).',
  ),

  // Images
  imageNotFound: entry(
    (imageId: string) => new AppError('IMAGE.NOT_FOUND', 404, `Image ${imageId} does not exist.`),
    ['{imageId}'],
  ),
  imageVariantNotFound: entry(
    (imageId: string, variant: string) =>
      new AppError('IMAGE.VARIANT_NOT_FOUND', 404, `Image ${imageId} has no ${variant} variant.`),
    ['{imageId}', '{variant}'],
  ),
  imageInvalid: entry(
    (reason: string) => new AppError('IMAGE.INVALID', 422, `The file is not a usable image: ${reason}.`),
    [''],
    'The bytes are not a whole, decodable image (unrecognised format, truncated or corrupt data).',
  ),
  imageTooManyPixels: entry(
    (pixels: number, limit: number) =>
      new AppError('IMAGE.TOO_MANY_PIXELS', 422, `The image has ${pixels} pixels; the limit is ${limit}.`, {
        pixels,
        limit,
      }),
    [0, 0],
    'The image has more pixels than the image server accepts; `details` has `pixels` and `limit`.',
  ),
  imageTypeNotAllowed: entry(
    (type: string, allowed: string[]) =>
      new AppError('IMAGE.TYPE_NOT_ALLOWED', 415, `Images of type ${type} are not accepted.`, { allowed }),
    ['', []],
    'The image format, detected from the bytes, is not accepted; `details.allowed` lists the accepted types.',
  ),
  paletteNotFound: entry(
    (paletteId: string) => new AppError('PALETTE.NOT_FOUND', 404, `Palette ${paletteId} does not exist.`),
    ['{paletteId}'],
  ),
  imageNotReady: entry(
    (imageId: string, reason: string) =>
      new AppError('IMAGE.NOT_READY', 409, `Image ${imageId} is not ready: ${reason}.`),
    ['{imageId}', '{reason}'],
  ),
  versionConflict: entry(
    (currentVersion: number, expectedVersion: number | null) =>
      new AppError(
        'IMAGE.VERSION_CONFLICT',
        409,
        expectedVersion === null
          ? `The participant already has photo version ${currentVersion}; confirm it to overwrite.`
          : `Version ${expectedVersion} is stale; the current version is ${currentVersion}.`,
        { currentVersion, expectedVersion },
      ),
    [0, null],
    'The confirmed version is not the current one, or none was confirmed and a photo exists; `details.currentVersion` names the current version.',
  ),
  idempotencyKeyReused: entry(
    () =>
      new AppError('IMAGE.IDEMPOTENCY_KEY_REUSED', 422, 'This Idempotency-Key was used for another image.'),
    [],
  ),

  // One-time URLs
  tokenUnknown: entry(() => new AppError('TOKEN.UNKNOWN', 404, 'This image link does not exist.'), []),
  tokenUsed: entry(() => new AppError('TOKEN.USED', 410, 'This image link has already been used.'), []),
  tokenExpired: entry(() => new AppError('TOKEN.EXPIRED', 410, 'This image link has expired.'), []),
  tokenPreviewRefused: entry(
    () => new AppError('TOKEN.PREVIEW_REFUSED', 403, 'Link previews cannot open single-use image links.'),
    [],
  ),

  // Notifications
  notificationNotFound: entry(
    (id: string) => new AppError('NOTIFICATION.NOT_FOUND', 404, `Notification ${id} does not exist.`),
    ['{notificationId}'],
  ),

  // Blob storage. Keys are built by our own code, so a bad one is a bug on our side, not the caller's.
  blobInvalidKey: entry(
    (key: string, reason: string) =>
      new AppError('BLOB.INVALID_KEY', 500, `Invalid blob key ${JSON.stringify(key)}: ${reason}.`),
    ['', ''],
    'A storage key our own code built is malformed (a bug).',
  ),
  blobExists: entry(
    (key: string) => new AppError('BLOB.ALREADY_EXISTS', 409, `Blob ${key} already exists.`),
    [''],
    'A storage object already exists under this key; nothing was overwritten.',
  ),

  // Bus
  deadLetterNotFound: entry(
    (id: string) => new AppError('DEAD_LETTER.NOT_FOUND', 404, `Dead letter ${id} does not exist.`),
    ['{id}'],
  ),

  // Bus
  deliveryRetry: entry(
    (reason: string) => new AppError('DELIVERY.RETRY', 503, reason),
    [''],
    'The handler asked for a retry (a dependency failed): Pub/Sub redelivers with the subscription backoff.',
  ),

  // Face gallery (what a selfie shows: its face and that face's expression)
  faceNone: entry(() => new AppError('FACE.NONE', 422, 'No face was found in the selfie.'), []),
  /** `faces`: the competing faces' boxes (pixels of the auto-oriented selfie), so a client can help crop one. */
  faceSeveral: entry(
    (faces: { x: number; y: number; width: number; height: number }[]) =>
      new AppError('FACE.SEVERAL', 422, `The selfie shows ${faces.length} faces; take one with only yours.`, {
        count: faces.length,
        faces,
      }),
    [[]],
    'More than one prominent face is in the selfie; `details` has the `count` and the `faces` (each `x`, `y`, `width`, `height` in pixels), so the person can crop to one.',
  ),
  faceTooSmall: entry(
    (facePx: number, minPx: number) =>
      new AppError(
        'FACE.TOO_SMALL',
        422,
        `The face is ${facePx} px across; come closer (at least ${minPx} px).`,
        {
          facePx,
          minPx,
        },
      ),
    [0, 0],
    'The face is smaller than the configured minimum, in pixels.',
  ),
  selfieRequired: entry(
    () =>
      new AppError(
        'FACE.SELFIE_REQUIRED',
        409,
        'Indexing this face needs the selfie: send it again with this request.',
      ),
    [],
  ),
  analysisNotFound: entry(
    (analysisId: string) =>
      new AppError(
        'ANALYSIS.NOT_FOUND',
        404,
        `Analysis ${analysisId} does not exist or has expired; send the selfie again.`,
      ),
    ['{analysisId}'],
    'The analysis id is unknown or has expired.',
  ),
  galleryUserNotFound: entry(
    (userId: string) => new AppError('GALLERY.USER_NOT_FOUND', 404, `Gallery user ${userId} does not exist.`),
    ['{userId}'],
  ),
  galleryItemNotFound: entry(
    (itemId: string) => new AppError('GALLERY.ITEM_NOT_FOUND', 404, `Gallery item ${itemId} does not exist.`),
    ['{itemId}'],
  ),

  // Dependencies
  dependencyFailed: entry(
    (dependency: string, cause?: unknown) =>
      new AppError('DEPENDENCY.FAILED', 502, `${dependency} failed to answer.`, undefined, { cause }),
    [''],
    'A service this one calls failed or did not answer.',
  ),
  unavailable: entry(
    (reason: string, retryAfterSeconds?: number) =>
      new AppError(
        'SERVICE.UNAVAILABLE',
        503,
        reason,
        retryAfterSeconds === undefined ? undefined : { retryAfterSeconds },
      ),
    [''],
    "A dependency is unavailable, e.g. the identity provider's signing keys could not be fetched.",
  ),
  internal: entry(
    (cause?: unknown) =>
      new AppError('INTERNAL', 500, 'Something went wrong on our side.', undefined, { cause }),
    [],
  ),
} as const;
