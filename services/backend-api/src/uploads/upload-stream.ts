import type { Response } from 'express';
import { toUploadView } from '@photo/shared/http/upload-views';
import type { Clock } from '@photo/shared/ports/common';
import type { UploadIntentRepository } from '@photo/shared/ports/upload-intent-repository.port';
import { changesStream } from '../live/changes-stream';

export interface UploadStreamDeps {
  uploads: UploadIntentRepository;
  clock: Clock;
}

/**
 * The upload half of a participant's SSE stream: every upload of their photo that changes after the stream opened,
 * as `event: upload` with the Upload view (an intent's revision grows with each change).
 */
export function uploadStream(
  deps: UploadStreamDeps,
  res: Response,
  visitorId: string,
): { send: () => Promise<void> } {
  return changesStream(
    {
      read: (since, limit) => deps.uploads.listByOwner(visitorId, since, limit),
      id: (intent) => intent.intentId,
      changedAt: (intent) => intent.updatedAt.getTime(),
      version: (intent) => intent.revision,
      event: (intent) => `event: upload\ndata: ${JSON.stringify(toUploadView(intent))}\n\n`,
    },
    res,
    deps.clock,
  );
}
