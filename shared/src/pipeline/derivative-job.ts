import { extname } from 'node:path';
import { done, rejected, skipped } from '../bus/event-handler';
import { variantBlobKey, type Image, type ImageStatus, type StoredVariant } from '../domain/image';
import { variantReady } from '../events/catalog';
import { publishEvent, type PayloadOf } from '../events/define-event';
import { downloadBlob, tempFiles, uploadFile } from '../io/blob-files';
import type { BlobStore } from '../ports/blob-store.port';
import type { Clock } from '../ports/common';
import type { EventPublisher, HandlerOutcome } from '../ports/event-bus.port';
import type { ImageRepository } from '../ports/image-repository.port';

type Ready = PayloadOf<typeof variantReady>;
/** The variant a job makes and whom it is for: the image.variant-ready event without what storing it tells. */
export type DerivativeTarget = Pick<
  Ready,
  'imageId' | 'version' | 'variant' | 'paletteId' | 'visitorId' | 'sourceImageId'
>;
export type MadeVariant = Pick<
  StoredVariant,
  'blobKey' | 'contentType' | 'bytes' | 'sha256' | 'width' | 'height'
>;

export interface DerivativeJobDeps {
  images: ImageRepository;
  blobs: BlobStore;
  publisher: EventPublisher;
  clock: Clock;
  tmpDir: string;
}

/** What a job reads and how it makes its result. */
export interface DerivativeWork {
  /** The stored variant the job reads. */
  input: StoredVariant;
  /** Reads `source`, writes `dest` (named with the blob name's extension). */
  compute(source: string, dest: string): Promise<{ contentType: string; width: number; height: number }>;
}

export interface DerivativeJob {
  /** The announcing service (the event's `source` attribute). */
  source: string;
  target: DerivativeTarget;
  /** The blob key's name part (`variantBlobKey`): a function of the inputs, so a redelivery writes the same key. */
  name: string;
  /** What an earlier delivery made and the image server recorded: it is only announced again. */
  made: MadeVariant | null;
  /** Shown on the version while the job runs, unless it shows it already (a look has no record yet: null). */
  working: { image: Image; status: ImageStatus } | null;
  /** Looks the inputs up when there is work to do; an outcome (rejected, retry) when it cannot be done (yet). */
  plan(): Promise<DerivativeWork | HandlerOutcome>;
}

/**
 * The shape every colour-pipeline worker shares: status → temp files → download → compute → store under the derived
 * prefix → announce image.variant-ready, for the image server to record. Workers never write image records; a
 * redelivery either finds the recorded result and announces it again, or rewrites the same derived key.
 */
export async function runDerivativeJob(deps: DerivativeJobDeps, job: DerivativeJob): Promise<HandlerOutcome> {
  const { target, working } = job;
  if (job.made) {
    await announce(deps, job, job.made);
    return skipped(`${target.variant} already made; announced again`);
  }
  const work = await job.plan();
  if (!('input' in work)) return work;
  if (
    working &&
    (working.image.currentVersion !== target.version || working.image.status !== working.status)
  ) {
    const { imageId, version } = target;
    await deps.images.setStatus({
      imageId,
      version,
      status: working.status,
      reason: null,
      at: deps.clock.now(),
    });
  }
  const { input } = work;
  const files = await tempFiles(deps.tmpDir);
  try {
    const source = await downloadBlob(deps.blobs, input.blobKey, files.path('.src'));
    if (!source)
      return rejected(`the ${input.variant} bytes of ${input.imageId} v${input.version} are missing`);
    const dest = files.path(extname(job.name));
    const { contentType, width, height } = await work.compute(source, dest);
    const blobKey = variantBlobKey(target.imageId, target.version, target.variant, job.name);
    const { bytes, sha256 } = await uploadFile(deps.blobs, blobKey, dest, contentType);
    await announce(deps, job, { blobKey, contentType, bytes, sha256, width, height });
    return done();
  } finally {
    await files.cleanup();
  }
}

function announce(deps: DerivativeJobDeps, job: DerivativeJob, made: MadeVariant): Promise<string> {
  const { blobKey, contentType, bytes, sha256, width, height } = made;
  const payload = { ...job.target, blobKey, contentType, bytes, sha256, width, height };
  return publishEvent(deps.publisher, variantReady, payload, job.source);
}
