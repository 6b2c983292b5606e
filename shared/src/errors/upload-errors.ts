import { AppError } from './app-error';
import { custom, entry } from './catalog-entry';

/** The errors of direct uploads: requesting a target, PUTting to it, reading an intent. */
export const uploadErrors = {
  notFound: entry('UPLOAD.NOT_FOUND', 404, 'Upload {intentId} does not exist.'),
  typeNotAllowed: custom(
    (type: string, allowed: string[]) =>
      new AppError('UPLOAD.TYPE_NOT_ALLOWED', 415, `Uploads of type ${type} are not accepted.`, { allowed }),
    ['{type}', []],
  ),
  tooLarge: custom(
    (size: number, limit: number) =>
      new AppError('UPLOAD.TOO_LARGE', 413, `An upload of ${size} bytes is over the limit of ${limit}.`, {
        size,
        limit,
      }),
    [0, 0],
  ),
  quotaExceeded: custom(
    (details: { pending: number; maxPending: number; bytes: number; maxBytes: number }) =>
      new AppError(
        'UPLOAD.QUOTA_EXCEEDED',
        429,
        'Too many uploads in flight or too many bytes this hour; finish or wait for the pending ones.',
        details,
      ),
    [{ pending: 0, maxPending: 0, bytes: 0, maxBytes: 0 }],
  ),
  callbackRefused: entry('UPLOAD.CALLBACK_URL_REFUSED', 400, 'The callback URL is not accepted: {reason}.'),
  /** Signing: only keys under uploads/ are ever signed for writing. */
  keyRefused: entry('UPLOAD.KEY_REFUSED', 400, 'No upload target is signed for {key}.'),

  // The embedded upload endpoint answers these, as Cloud Storage refuses a signed PUT that breaks a condition.
  targetInvalid: entry('UPLOAD.TARGET_INVALID', 403, 'This upload target is not valid.'),
  targetExpired: entry('UPLOAD.TARGET_EXPIRED', 403, 'This upload target has expired; request a new upload.'),
  conditionFailed: custom(
    (condition: string, expected: string, got: string) =>
      new AppError('UPLOAD.CONDITION_FAILED', 403, `The upload does not meet its ${condition} condition.`, {
        condition,
        expected,
        got,
      }),
    ['Content-Type', '{signed}', '{sent}'],
  ),
  sizeOutOfRange: custom(
    (min: number, max: number) =>
      new AppError('UPLOAD.SIZE_OUT_OF_RANGE', 400, `The upload must be ${min} to ${max} bytes.`, {
        min,
        max,
      }),
    [0, 0],
  ),
  // The upload pipeline's handoff to the image server.
  objectChanged: entry(
    'UPLOAD.OBJECT_CHANGED',
    409,
    'The uploaded object is not the one the upload pipeline verified.',
  ),
  renditionMissing: entry(
    'UPLOAD.RENDITION_MISSING',
    422,
    'No stored object {blobKey} matches the rendition.',
  ),
  alreadyUploaded: entry(
    'UPLOAD.ALREADY_UPLOADED',
    412,
    'Something was already uploaded to this target; it cannot be overwritten.',
  ),
} as const;

/** Why the pipeline refused a file: recorded on the intent as its reason, never answered over HTTP. */
export const REJECTION_CODES = {
  typeMismatch: 'UPLOAD.TYPE_MISMATCH',
  sizeMismatch: 'UPLOAD.SIZE_MISMATCH',
  hashMismatch: 'UPLOAD.HASH_MISMATCH',
  corrupt: 'UPLOAD.CORRUPT',
  tooManyPixels: 'UPLOAD.TOO_MANY_PIXELS',
  versionConflict: 'UPLOAD.VERSION_CONFLICT',
  expired: 'UPLOAD.EXPIRED',
} as const;
