import { isTerminal, type UploadIntent, type UploadStatus } from '@photo/shared/domain/upload';
import { uploadCallbackRequested, uploadStatusChanged } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import type { Clock } from '@photo/shared/ports/common';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { UploadIntentRepository } from '@photo/shared/ports/upload-intent-repository.port';

type StatusDeps = { uploads: UploadIntentRepository; publisher: EventPublisher; clock: Clock };

/** The statuses each status may move to; a terminal one moves nowhere. */
const NEXT: Record<UploadStatus, readonly UploadStatus[]> = {
  pending: ['uploaded', 'expired', 'rejected', 'failed'],
  uploaded: ['processing', 'rejected', 'failed'],
  processing: ['ready', 'rejected', 'failed'],
  ready: [],
  rejected: [],
  failed: [],
  expired: [],
};

/**
 * Moves an intent to `status` (with `patch`) if that is a legal move from where it is now, then announces it. A
 * terminal status with a callback URL also queues the webhook. Returns the intent as it now stands.
 */
export async function moveTo(
  deps: StatusDeps,
  intentId: string,
  status: UploadStatus,
  patch: Partial<UploadIntent> = {},
): Promise<UploadIntent | null> {
  let moved = false;
  const intent = await deps.uploads.update(intentId, (current) => {
    moved = false;
    if (current.status !== status && !NEXT[current.status].includes(status)) return null;
    if (current.status === status && Object.keys(patch).length === 0) return null;
    moved = current.status !== status;
    const callback =
      isTerminal(status) && current.callbackUrl !== null && current.callback.state === 'none'
        ? { ...current.callback, state: 'pending' as const, updatedAt: deps.clock.now() }
        : current.callback;
    return { ...current, ...patch, status, callback, updatedAt: deps.clock.now() };
  });
  if (intent && moved) await announce(deps, intent);
  return intent;
}

/**
 * Publishes what watchers and the webhook need to know about the intent as it stands. Safe to repeat: a handler
 * that finds its work already done announces again, in case the first run died between its write and this.
 */
export async function announce(deps: StatusDeps, intent: UploadIntent): Promise<void> {
  await publishEvent(
    deps.publisher,
    uploadStatusChanged,
    {
      intentId: intent.intentId,
      status: intent.status,
      ownerVisitorId: intent.ownerVisitorId,
      revision: intent.revision,
    },
    'upload-pipeline',
  );
  if (isTerminal(intent.status) && intent.callback.state === 'pending') {
    await publishEvent(
      deps.publisher,
      uploadCallbackRequested,
      { intentId: intent.intentId, revision: intent.revision },
      'upload-pipeline',
    );
  }
}
