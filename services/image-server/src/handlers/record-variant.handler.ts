import { done, eventHandler, rejected, skipped } from '@photo/shared/bus/event-handler';
import { variantRank, type ImageStatus, type ImageVariant } from '@photo/shared/domain/image';
import { imageClustered, imageUpdated, variantReady } from '@photo/shared/events/catalog';
import { publishEvent, type PayloadOf } from '@photo/shared/events/define-event';
import type { Image } from '@photo/shared/domain/image';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';

export interface RecordVariantDeps {
  images: ImageRepository;
  publisher: EventPublisher;
  clock: Clock;
}

const STATUS_OF: Record<Exclude<ImageVariant, 'original'>, ImageStatus> = {
  clustered: 'clustered',
  generated: 'generated',
  processed: 'processed',
};

type Ready = PayloadOf<typeof variantReady>;

/**
 * A worker's result arrived (the seed's "結果通知"): record the variant and swap what new one-time URLs of the image
 * serve, then tell the backend. The swap checks the version: a result for an older version never replaces a newer
 * one. Nor does a redelivered earlier stage (clustered) replace a later one (generated).
 */
export function recordVariantHandler(deps: RecordVariantDeps) {
  return eventHandler(variantReady, async (event) => {
    const now = deps.clock.now();
    if (event.variant === 'processed') return recordLook(deps, event);

    const image = await deps.images.get(event.imageId);
    if (!image) return rejected(`image ${event.imageId} does not exist`);
    await deps.images.addVariant({ ...stored(event), createdAt: now });
    if (image.currentVersion !== event.version) return skipped(`version ${event.version} was superseded`);
    if (variantRank(image.servedVariant) > variantRank(event.variant)) {
      await announceClustered(deps, event, image);
      return skipped(`already serving ${image.servedVariant}`);
    }
    const swap = await deps.images.swapServed(event.imageId, event.version, event.variant, now);
    if (swap !== 'swapped') return skipped(`swap ${swap}`);
    await deps.images.setStatus({
      imageId: event.imageId,
      version: event.version,
      status: STATUS_OF[event.variant],
      reason: null,
      at: now,
    });
    await tell(deps, event, image.ownerVisitorId, null);
    await announceClustered(deps, event, image);
    return done();
  });
}

/**
 * After the clustered image is recorded and shown: the automation rules react to it. Also on a redelivery (the
 * rules keep one decision per version, so announcing again makes nothing twice).
 */
async function announceClustered(deps: RecordVariantDeps, event: Ready, image: Image): Promise<void> {
  if (event.variant !== 'clustered' || event.paletteId === null) return;
  await publishEvent(
    deps.publisher,
    imageClustered,
    {
      imageId: event.imageId,
      version: event.version,
      kind: image.kind,
      ownerVisitorId: image.ownerVisitorId,
      paletteId: event.paletteId,
    },
    'image-server',
  );
}

/** A look is an image of its own, owned by the participant it was made for; its one version serves the recolouring. */
async function recordLook(deps: RecordVariantDeps, event: Ready) {
  if (!event.visitorId) return rejected('a processed look names no participant');
  const now = deps.clock.now();
  const image =
    (await deps.images.get(event.imageId)) ??
    (await deps.images.create({
      imageId: event.imageId,
      kind: 'look',
      ownerVisitorId: event.visitorId,
      creationKey: null,
      now,
    }));
  if (image.kind !== 'look' || image.ownerVisitorId !== event.visitorId)
    return rejected(`image ${event.imageId} is not this participant's look`);
  if (image.currentVersion === 0) {
    const { variant: _variant, imageId: _imageId, version: _version, ...fields } = stored(event);
    await deps.images.addVersion({
      imageId: event.imageId,
      expectedVersion: 0,
      idempotencyKey: null,
      variant: 'processed',
      original: fields,
      now,
    });
    await deps.images.setStatus({
      imageId: event.imageId,
      version: 1,
      status: 'processed',
      reason: null,
      at: now,
    });
  }
  await tell(deps, event, event.visitorId, event.visitorId);
  return done();
}

function stored(event: Ready) {
  const { imageId, version, variant, blobKey, contentType, bytes, sha256, width, height } = event;
  return { imageId, version, variant, blobKey, contentType, bytes, sha256, width, height };
}

function tell(
  deps: RecordVariantDeps,
  event: Ready,
  ownerVisitorId: string | null,
  visitorId: string | null,
) {
  return publishEvent(
    deps.publisher,
    imageUpdated,
    {
      imageId: event.imageId,
      version: event.version,
      variant: event.variant,
      ownerVisitorId,
      visitorId,
      updatedAt: deps.clock.now().toISOString(),
    },
    'image-server',
  );
}
