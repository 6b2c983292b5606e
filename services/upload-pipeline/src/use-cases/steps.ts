import {
  derivativeKey,
  derivativePrefix,
  handoffIdempotencyKey,
  type Derivative,
  type UploadIntent,
  type UploadStep,
} from '@photo/shared/domain/upload';
import { isAppError } from '@photo/shared/errors/app-error';
import { REJECTION_CODES as R } from '@photo/shared/errors/upload-errors';
import { uploadFile, type TempFiles } from '@photo/shared/io/blob-files';
import type { RenditionFile } from '@photo/shared/ports/upload-imaging.port';
import type { UploadPipelineDeps } from '../deps';
import { downloadHashed, type DownloadedFile } from './source-file';

export interface Rejection {
  code: string;
  message: string;
}

export type StepResult = { patch: Partial<UploadIntent> } | { rejected: Rejection };

export interface StepContext {
  deps: UploadPipelineDeps;
  intent: UploadIntent;
  files: TempFiles;
  /** The uploaded file on local disk, downloaded on first use (a resumed run downloads it again). */
  source(): Promise<DownloadedFile>;
}

const reject = (code: string, message: string): StepResult => ({ rejected: { code, message } });

/**
 * Integrity: the whole object is read and hashed, its size and (if declared) SHA-256 must match the intent, and
 * the image inspector decides from the bytes (magic numbers, never the name or header) what it is, checks the
 * pixel count before decoding, then decodes every pixel.
 */
async function verify(ctx: StepContext): Promise<StepResult> {
  const { intent, deps } = ctx;
  const file = await ctx.source();
  if (file.bytes !== intent.size) {
    return reject(R.sizeMismatch, `${file.bytes} bytes arrived; ${intent.size} were declared`);
  }
  if (intent.sha256 !== null && file.sha256 !== intent.sha256) {
    return reject(
      R.hashMismatch,
      `the SHA-256 of the bytes is ${file.sha256}; ${intent.sha256} was declared`,
    );
  }
  try {
    const inspected = await deps.inspector.inspect(file.path, {
      maxPixels: deps.config.maxInputPixels,
      allowedTypes: deps.config.allowedTypes,
    });
    if (inspected.contentType !== intent.contentType) {
      return reject(
        R.typeMismatch,
        `${intent.contentType} was declared; the bytes are ${inspected.contentType}`,
      );
    }
  } catch (err) {
    if (!isAppError(err)) throw err;
    if (err.code === 'IMAGE.TOO_MANY_PIXELS') return reject(R.tooManyPixels, err.message);
    if (err.code === 'IMAGE.TYPE_NOT_ALLOWED') return reject(R.typeMismatch, err.message);
    if (err.code === 'IMAGE.INVALID') return reject(R.corrupt, err.message);
    throw err;
  }
  return { patch: { sha256: file.sha256 } };
}

async function metadata(ctx: StepContext): Promise<StepResult> {
  return { patch: { metadata: await ctx.deps.imaging.describe((await ctx.source()).path) } };
}

/**
 * Every size and format, made in parallel and stored under derived/uploads/{intentId}/. Whatever an earlier,
 * interrupted run left there is removed first (nothing refers to it yet), so each object matches what is recorded.
 * If this step fails, what it wrote is removed too.
 */
async function derivatives(ctx: StepContext): Promise<StepResult> {
  const { deps, intent, files } = ctx;
  await removeDerivatives(deps, intent.intentId);
  try {
    const source = await ctx.source();
    const stored: Derivative[] = [];
    // Each derivative is stored as soon as it is encoded, while the larger ones are still being made.
    await deps.imaging.renditions(
      source.path,
      deps.config.renditions,
      (spec) => files.path(`.${spec.variant}`),
      { maxPixels: deps.config.maxInputPixels },
      async (r) => void stored.push(await storeRendition(deps, intent.intentId, r)),
    );
    const order = deps.config.renditions.map((s) => s.variant);
    stored.sort((a, b) => order.indexOf(a.variant) - order.indexOf(b.variant));
    return { patch: { derivatives: stored } };
  } catch (err) {
    await removeDerivatives(deps, intent.intentId).catch(() => undefined);
    throw err;
  }
}

/**
 * The upload becomes a new version of its image through the image server, which reads it from the bucket by key (its
 * bytes do not travel through this call) and stores it as any upload: compare-and-swap on the expected version, and
 * idempotent by a key derived from the intent, so a redelivered handoff replays the version the first one stored. The
 * image server publishes image.uploaded: clustering starts.
 */
async function handoff(ctx: StepContext): Promise<StepResult> {
  const { deps, intent } = ctx;
  try {
    const stored = await deps.imageServer.importUpload({
      imageId: intent.imageId,
      kind: intent.purpose,
      ownerVisitorId: intent.ownerVisitorId,
      expectedVersion: intent.expectedVersion,
      idempotencyKey: handoffIdempotencyKey(intent.intentId),
      objectKey: intent.objectKey,
      // Set by verify, which always runs first.
      sha256: intent.sha256!,
    });
    return { patch: { result: { imageId: stored.imageId, version: stored.version } } };
  } catch (err) {
    if (isAppError(err) && err.code === 'IMAGE.VERSION_CONFLICT')
      return reject(R.versionConflict, err.message);
    // The image server refusing the file is final; anything else (5xx, no answer) is retried.
    if (isAppError(err) && err.status >= 400 && err.status < 500) return reject(err.code, err.message);
    throw err;
  }
}

/**
 * The image server records the derivatives as variants of the new version (r256-jpeg, …), so one-time links serve
 * them like any other variant; then the upload object goes, its bytes now living under originals/.
 */
async function record(ctx: StepContext): Promise<StepResult> {
  const { deps, intent } = ctx;
  const { imageId, version } = intent.result!;
  await deps.imageServer.recordRenditions(imageId, version, intent.derivatives);
  await deps.blobs.delete(intent.objectKey);
  return { patch: {} };
}

export const STEPS: Record<UploadStep, (ctx: StepContext) => Promise<StepResult>> = {
  verify,
  metadata,
  derivatives,
  handoff,
  record,
};

/** Stores a rendition under `derived/uploads/{intentId}/{variant}`: the derivative the intent records. */
export async function storeRendition(
  deps: Pick<UploadPipelineDeps, 'blobs'>,
  intentId: string,
  r: RenditionFile,
): Promise<Derivative> {
  const blobKey = derivativeKey(intentId, r.variant);
  const { bytes, sha256 } = await uploadFile(deps.blobs, blobKey, r.path, r.contentType);
  const { variant, maxSide, format, contentType, width, height } = r;
  return { variant, maxSide, format, blobKey, contentType, width, height, bytes, sha256 };
}

/** Removes every derivative of an upload (a failed or rejected run leaves none behind). */
export async function removeDerivatives(
  deps: Pick<UploadPipelineDeps, 'blobs'>,
  intentId: string,
): Promise<number> {
  let removed = 0;
  for await (const blob of deps.blobs.list(derivativePrefix(intentId))) {
    await deps.blobs.delete(blob.key);
    removed++;
  }
  return removed;
}

/** A source file for a run: downloaded once, checked against what verify recorded when it is downloaded again. */
export function sourceOf(deps: UploadPipelineDeps, intent: () => UploadIntent, files: TempFiles) {
  let file: Promise<DownloadedFile> | null = null;
  return (): Promise<DownloadedFile> =>
    (file ??= downloadHashed(deps.blobs, intent().objectKey, files).then((f) => {
      if (!f) throw new Error(`the uploaded object ${intent().objectKey} is missing`);
      const known = intent().sha256;
      if (intent().steps.verify?.status === 'done' && known !== null && f.sha256 !== known) {
        throw new Error(`the uploaded object ${intent().objectKey} changed after it was verified`);
      }
      return f;
    }));
}
