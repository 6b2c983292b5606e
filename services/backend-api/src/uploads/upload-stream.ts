import type { Response } from 'express';
import { toUploadView } from '@photo/shared/http/upload-views';
import type { Clock } from '@photo/shared/ports/common';
import type { UploadIntentRepository } from '@photo/shared/ports/upload-intent-repository.port';

export interface UploadStreamDeps {
  uploads: UploadIntentRepository;
  clock: Clock;
}

const BATCH = 50;

/**
 * The upload half of a participant's SSE stream: every upload of their photo that changes after the stream opened
 * is written as `event: upload` with the Upload view. Changes are found by `updatedAt` with a watermark a
 * millisecond behind the newest seen, and (id, revision) pairs already sent are skipped, as for notifications.
 */
export function uploadStream(
  deps: UploadStreamDeps,
  res: Response,
  visitorId: string,
): { send: () => Promise<void> } {
  let since = new Date(deps.clock.now().getTime() - 1);
  const sent = new Map<string, { revision: number; at: number }>();
  let busy = false;
  let again = false;
  const send = async (): Promise<void> => {
    if (busy) return void (again = true);
    busy = true;
    try {
      do {
        again = false;
        const changed = await deps.uploads.listByOwner(visitorId, since, BATCH);
        for (const intent of changed) {
          if ((sent.get(intent.intentId)?.revision ?? 0) >= intent.revision) continue;
          sent.set(intent.intentId, { revision: intent.revision, at: intent.updatedAt.getTime() });
          res.write(`event: upload\ndata: ${JSON.stringify(toUploadView(intent))}\n\n`);
        }
        const newest = changed.at(-1)?.updatedAt.getTime();
        const advanced = newest !== undefined && newest - 1 > since.getTime();
        if (advanced) since = new Date(newest - 1);
        for (const [id, s] of sent) if (s.at < since.getTime()) sent.delete(id);
        if (changed.length === BATCH && advanced) again = true;
      } while (again);
    } catch (err) {
      res.destroy(err instanceof Error ? err : undefined);
    } finally {
      busy = false;
    }
  };
  return { send };
}
