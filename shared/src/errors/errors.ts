import { AppError } from './app-error';
import { custom, entry } from './catalog-entry';

/**
 * The error catalog: every error the system answers with is built here, so codes stay stable and findable, and the
 * API documents describe each from its entry.
 */
export const errors = {
  // Request shape
  malformedJson: entry('REQUEST.MALFORMED_JSON', 400, 'The request body is not valid JSON.'),
  invalidRequest: custom(
    (issues: { path: string; message: string }[]) =>
      new AppError('REQUEST.INVALID', 400, 'The request does not match the expected shape.', { issues }),
    [[]],
    'The request does not match the expected shape; `details.issues` lists every problem (`path`, `message`).',
  ),
  unsupportedMediaType: custom(
    (expected: string[]) =>
      new AppError(
        'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        415,
        `Content-Type must be one of: ${expected.join(', ')}.`,
      ),
    [[]],
    'The body has a Content-Type this route does not accept; the message names the accepted ones.',
  ),
  payloadTooLarge: custom(
    (limitBytes: number) =>
      new AppError('REQUEST.TOO_LARGE', 413, `The request body exceeds ${limitBytes} bytes.`, { limitBytes }),
    [0],
    'The body is too large; `details.limitBytes` is the limit.',
  ),
  emptyBody: entry('REQUEST.EMPTY_BODY', 400, 'The request body is empty.'),
  /** Adapters throw it for a page or feed cursor they did not issue. */
  invalidCursor: entry(
    'REQUEST.INVALID_CURSOR',
    400,
    'invalid cursor: not one this list issued.',
    'A page or feed cursor (`after`, `since`) this API did not issue.',
  ),
  aborted: entry('REQUEST.ABORTED', 400, 'The client aborted the request.'),
  notFoundRoute: entry(
    'ROUTE.NOT_FOUND',
    404,
    'No route for {method} {path}.',
    'No route has this method and path.',
  ),

  // Identity
  unauthenticated: entry(
    'AUTH.UNAUTHENTICATED',
    401,
    '{reason}',
    'No bearer token, a malformed Authorization header, or a token that does not verify.',
  ),
  accessTokenExpired: entry(
    'AUTH.TOKEN_EXPIRED',
    401,
    'The access token has expired.',
    'The access token has expired: get a new one.',
  ),
  participantTokenRotated: entry(
    'AUTH.TOKEN_ROTATED',
    401,
    'This participant token was replaced by a newer one.',
    'A participant token that was replaced (by its participant or an operator): sign in with the new one.',
  ),
  participantTokenRevoked: entry(
    'AUTH.TOKEN_REVOKED',
    401,
    'This participant token was withdrawn by the organisers.',
    'A participant token an operator withdrew: no token works for this participant until an operator issues one.',
  ),
  forbidden: entry('AUTH.FORBIDDEN', 403, '{reason}', 'The caller is known but may not do this.'),
  rateLimited: custom(
    (retryAfterSeconds: number) =>
      new AppError('RATE.LIMITED', 429, `Too many requests: try again in ${retryAfterSeconds} s.`, {
        retryAfterSeconds,
      }),
    [0],
    'Too many calls of this kind from this caller: wait `Retry-After` seconds (also `details.retryAfterSeconds`).',
  ),

  // Participants
  participantNotFound: entry('PARTICIPANT.NOT_FOUND', 404, 'Participant {visitorId} does not exist.'),
  participantExists: entry(
    'PARTICIPANT.ALREADY_EXISTS',
    409,
    'A participant with externalRef {externalRef} exists.',
  ),
  invalidQrCode: entry(
    'QR.INVALID',
    400,
    'The QR code is not valid: {reason}.',
    'The QR payload is not one this event signed (unrecognised format or signature mismatch).',
  ),
  qrExpired: entry('QR.EXPIRED', 400, 'The QR code has expired; print a fresh one.'),
  registrationClosed: entry(
    'REGISTRATION.CLOSED',
    403,
    'Self-registration is switched off for this event: ask the staff for a link or QR code.',
    'Self-registration is switched off for this event (`SELF_REGISTRATION`, off unless the event turns it on).',
  ),
  importInvalid: custom(
    (issues: { row: number; message: string }[]) =>
      new AppError('IMPORT.INVALID', 400, 'The import has invalid rows; nothing was imported.', { issues }),
    [[]],
    'Some rows are invalid and nothing was imported; `details.issues` names each (`row` counts from 1; 0 is the file as a whole).',
  ),

  // Images
  imageNotFound: entry('IMAGE.NOT_FOUND', 404, 'Image {imageId} does not exist.'),
  imageVariantNotFound: entry('IMAGE.VARIANT_NOT_FOUND', 404, 'Image {imageId} has no {variant} variant.'),
  imageInvalid: entry(
    'IMAGE.INVALID',
    422,
    'The file is not a usable image: {reason}.',
    'The bytes are not a whole, decodable image (unrecognised format, truncated or corrupt data).',
  ),
  imageTooManyPixels: custom(
    (pixels: number, limit: number) =>
      new AppError('IMAGE.TOO_MANY_PIXELS', 422, `The image has ${pixels} pixels; the limit is ${limit}.`, {
        pixels,
        limit,
      }),
    [0, 0],
    'The image has more pixels than the image server accepts; `details` has `pixels` and `limit`.',
  ),
  imageTypeNotAllowed: custom(
    (type: string, allowed: string[]) =>
      new AppError('IMAGE.TYPE_NOT_ALLOWED', 415, `Images of type ${type} are not accepted.`, { allowed }),
    ['', []],
    'The image format, detected from the bytes, is not accepted; `details.allowed` lists the accepted types.',
  ),
  paletteNotFound: entry('PALETTE.NOT_FOUND', 404, 'Palette {paletteId} does not exist.'),
  imageNotReady: entry('IMAGE.NOT_READY', 409, 'Image {imageId} is not ready: {reason}.'),
  versionConflict: custom(
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
    'IMAGE.IDEMPOTENCY_KEY_REUSED',
    422,
    'This Idempotency-Key was used for another image.',
  ),

  // One-time URLs
  tokenUnknown: entry('TOKEN.UNKNOWN', 404, 'This image link does not exist.'),
  tokenUsed: entry('TOKEN.USED', 410, 'This image link has already been used.'),
  tokenExpired: entry('TOKEN.EXPIRED', 410, 'This image link has expired.'),
  tokenPreviewRefused: entry(
    'TOKEN.PREVIEW_REFUSED',
    403,
    'Link previews cannot open single-use image links.',
  ),

  // Notifications
  notificationNotFound: entry('NOTIFICATION.NOT_FOUND', 404, 'Notification {notificationId} does not exist.'),

  // Blob storage. Keys are built by our own code, so a bad one is a bug on our side, not the caller's.
  blobInvalidKey: custom(
    (key: string, reason: string) =>
      new AppError('BLOB.INVALID_KEY', 500, `Invalid blob key ${JSON.stringify(key)}: ${reason}.`),
    ['', ''],
    'A storage key our own code built is malformed (a bug).',
  ),
  blobExists: entry(
    'BLOB.ALREADY_EXISTS',
    409,
    'Blob {key} already exists.',
    'A storage object already exists under this key; nothing was overwritten.',
  ),

  // Bus
  deadLetterNotFound: entry('DEAD_LETTER.NOT_FOUND', 404, 'Dead letter {id} does not exist.'),
  deliveryRetry: entry(
    'DELIVERY.RETRY',
    503,
    '{reason}',
    'The handler asked for a retry (a dependency failed): Pub/Sub redelivers with the subscription backoff.',
  ),

  // Face gallery (what a selfie shows: its face and that face's expression)
  faceNone: entry('FACE.NONE', 422, 'No face was found in the selfie.'),
  /** `faces`: the competing faces' boxes (pixels of the auto-oriented selfie), so a client can help crop one. */
  faceSeveral: custom(
    (faces: { x: number; y: number; width: number; height: number }[]) =>
      new AppError('FACE.SEVERAL', 422, `The selfie shows ${faces.length} faces; take one with only yours.`, {
        count: faces.length,
        faces,
      }),
    [[]],
    'More than one prominent face is in the selfie; `details` has the `count` and the `faces` (each `x`, `y`, `width`, `height` in pixels), so the person can crop to one.',
  ),
  faceTooSmall: custom(
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
    'FACE.SELFIE_REQUIRED',
    409,
    'Indexing this face needs the selfie: send it again with this request.',
  ),
  analysisNotFound: entry(
    'ANALYSIS.NOT_FOUND',
    404,
    'Analysis {analysisId} does not exist or has expired; send the selfie again.',
    'The analysis id is unknown or has expired.',
  ),
  galleryUserNotFound: entry('GALLERY.USER_NOT_FOUND', 404, 'Gallery user {userId} does not exist.'),
  galleryItemNotFound: entry('GALLERY.ITEM_NOT_FOUND', 404, 'Gallery item {itemId} does not exist.'),

  // Dependencies
  dependencyFailed: custom(
    (dependency: string, cause?: unknown) =>
      new AppError('DEPENDENCY.FAILED', 502, `${dependency} failed to answer.`, undefined, { cause }),
    [''],
    'A service this one calls failed or did not answer.',
  ),
  unavailable: custom(
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
  internal: custom(
    (cause?: unknown) =>
      new AppError('INTERNAL', 500, 'Something went wrong on our side.', undefined, { cause }),
    [],
  ),
} as const;
