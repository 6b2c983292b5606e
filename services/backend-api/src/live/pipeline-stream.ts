import type { Image, ImageKind } from '@photo/shared/domain/image';
import { toImageView } from '@photo/shared/http/image-views';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import { changesRound } from './changes-stream';
import type { SseRound } from './sse';

/** The hub key of the operators' pipeline streams: image.updated wakes them. */
export const PIPELINE_KEY = 'pipeline';

/**
 * The workers write `clustering`, `generating` and `failed` straight to the store, with no event the backend hears:
 * an open pipeline stream re-reads the (kind, updated_at) index at least this often, one indexed query per operator.
 */
export const PIPELINE_RECHECK_MS = 1000;

/**
 * The operators' live pipeline: every image of `kind` whose status, served variant or version changes, as
 * `event: image` with the Image view; its id is the change time (ms), so a client that reconnects with Last-Event-ID
 * resumes from there (the change it saw last is sent again; a client keeps images by id).
 */
export function pipelineRound(
  deps: { images: Pick<ImageRepository, 'changedSince'>; clock: Clock },
  kind: ImageKind,
  resumeFrom: Date | null,
): SseRound {
  return changesRound<Image>(
    {
      read: (since, limit) => deps.images.changedSince(kind, since, limit),
      id: (image) => image.imageId,
      changedAt: (image) => image.updatedAt.getTime(),
      version: (image) => image.updatedAt.getTime(),
      event: (image) => ({ event: 'image', data: toImageView(image), id: String(image.updatedAt.getTime()) }),
    },
    deps.clock,
    resumeFrom,
  );
}
