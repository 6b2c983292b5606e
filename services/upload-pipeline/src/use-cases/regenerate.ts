import { done, rejected, skipped } from '@photo/shared/bus/event-handler';
import { derivativeKey, type Derivative } from '@photo/shared/domain/upload';
import { downloadBlob, tempFiles } from '@photo/shared/io/blob-files';
import type { HandlerOutcome } from '@photo/shared/ports/event-bus.port';
import type { UploadPipelineConfig } from '../config';
import type { UploadPipelineDeps } from '../deps';
import { storeRendition } from './steps';

/** The configured renditions an upload does not have yet. */
export const missingRenditions = (
  deps: { config: Pick<UploadPipelineConfig, 'renditions'> },
  derivatives: Derivative[],
) => deps.config.renditions.filter((spec) => !derivatives.some((d) => d.variant === spec.variant));

/**
 * Backfill of one upload: the derivatives the current size list names and the upload lacks are made from the
 * stored original and recorded (blob, variant through the image server, intent). Idempotent: a variant already
 * recorded by an interrupted run is taken as it is; a stray object of one that was not is replaced.
 */
export async function regenerateDerivatives(
  deps: UploadPipelineDeps,
  intentId: string,
): Promise<HandlerOutcome> {
  const intent = await deps.uploads.get(intentId);
  if (!intent) return rejected(`upload ${intentId} does not exist`);
  if (intent.status !== 'ready' || !intent.result) return skipped(`upload ${intentId} is ${intent.status}`);
  const missing = missingRenditions(deps, intent.derivatives);
  if (missing.length === 0) return skipped('every derivative exists');
  const { imageId, version } = intent.result;
  const original = await deps.images.getVariant(imageId, version, 'original');
  if (!original) return rejected(`image ${imageId} has no version ${version}`);

  const made: Derivative[] = [];
  const toRender = [];
  for (const spec of missing) {
    const recorded = await deps.images.getVariant(imageId, version, spec.variant);
    if (recorded) {
      const { blobKey, contentType, width, height, bytes, sha256 } = recorded;
      made.push({ ...spec, blobKey, contentType, width, height, bytes, sha256 });
    } else {
      await deps.blobs.delete(derivativeKey(intentId, spec.variant));
      toRender.push(spec);
    }
  }
  const files = await tempFiles(deps.config.tmpDir);
  try {
    if (toRender.length > 0) {
      const source = await downloadBlob(deps.blobs, original.blobKey, files.path('.original'));
      if (!source) return rejected(`the original of ${imageId} v${version} is missing`);
      const rendered = await deps.imaging.renditions(source, toRender, (s) => files.path(`.${s.variant}`), {
        maxPixels: deps.config.maxInputPixels,
      });
      for (const r of rendered) made.push(await storeRendition(deps, intentId, r));
      await deps.imageServer.recordRenditions(imageId, version, made);
    }
  } finally {
    await files.cleanup();
  }
  await deps.uploads.update(intentId, (i) => ({
    ...i,
    derivatives: [...i.derivatives.filter((d) => !made.some((m) => m.variant === d.variant)), ...made],
    updatedAt: deps.clock.now(),
  }));
  return done();
}
