import { toUploadView } from '@photo/shared/http/upload-views';
import type { Clock } from '@photo/shared/ports/common';
import type { UploadIntentRepository } from '@photo/shared/ports/upload-intent-repository.port';
import { changesRound } from '../live/changes-stream';
import type { SseRound } from '../live/sse';

export interface UploadStreamDeps {
  uploads: UploadIntentRepository;
  clock: Clock;
}

/**
 * The upload half of a participant's SSE stream: every upload of their photo that changes after the stream opened,
 * as `event: upload` with the Upload view (an intent's revision grows with each change).
 */
export function uploadRound(deps: UploadStreamDeps, visitorId: string): SseRound {
  return changesRound(
    {
      read: (since, limit) => deps.uploads.listByOwner(visitorId, since, limit),
      id: (intent) => intent.intentId,
      changedAt: (intent) => intent.updatedAt.getTime(),
      version: (intent) => intent.revision,
      event: (intent) => ({ event: 'upload', data: toUploadView(intent) }),
    },
    deps.clock,
  );
}
