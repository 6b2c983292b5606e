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
 * `event: image` with the Image view and the status history of its current version (a round sends an image's state
 * as it reads it, so a status passed between two reads shows in the history); its id is the change time (ms), so a
 * client that reconnects with Last-Event-ID resumes from there (the change it saw last is sent again).
 */
export function pipelineRound(
  deps: { images: Pick<ImageRepository, 'changedSince' | 'statusHistory'>; clock: Clock },
  kind: ImageKind,
  resumeFrom: Date | null,
): SseRound {
  return changesRound<Image>(
    {
      read: (since, limit) => deps.images.changedSince(kind, since, limit),
      id: (image) => image.imageId,
      event: async (image) => {
        const history = (await deps.images.statusHistory(image.imageId))
          .filter((h) => h.version === image.currentVersion)
          .map((h) => ({ status: h.status, reason: h.reason, at: h.at.toISOString() }));
        return {
          event: 'image',
          data: { ...toImageView(image), history },
          id: String(image.updatedAt.getTime()),
        };
      },
    },
    deps.clock,
    resumeFrom,
  );
}
