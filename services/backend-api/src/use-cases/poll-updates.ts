import type { UpdateBatch, UpdateFeed } from '@photo/shared/ports/update-feed.port';

export const POLL_PAGE = 100;

export type PollResult = { notModified: true; etag: string } | { notModified: false; etag: string; batch: UpdateBatch };

/**
 * A phone's poll. The ETag is the feed's latest marker, so a phone with nothing new costs one indexed read and
 * gets 304; only a changed feed reads the updates themselves.
 */
export async function pollUpdates(
  deps: { updates: UpdateFeed },
  visitorId: string,
  since: string | null,
  ifNoneMatch: string | null,
): Promise<PollResult> {
  const marker = await deps.updates.marker(visitorId);
  const etag = `"u.${marker ?? '0'}"`;
  if (ifNoneMatch !== null && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return { notModified: true, etag };
  }
  if (since !== null && since === marker) return { notModified: false, etag, batch: { updates: [], cursor: marker } };
  return { notModified: false, etag, batch: await deps.updates.since(visitorId, since, POLL_PAGE) };
}
