import type { UpdateBatch, UpdateFeed } from '@photo/shared/ports/update-feed.port';

export const POLL_PAGE = 100;

export type PollResult =
  { notModified: true; etag: string } | { notModified: false; etag: string; batch: UpdateBatch };

const etagOf = (cursor: string | null) => `"u.${cursor ?? '0'}"`;

/**
 * A phone's poll. An answer's ETag names the cursor it reached; a phone whose ETag names the feed's latest marker has
 * seen everything, and gets 304 for the cost of one indexed read. A phone that got a full page (more waiting) holds
 * an older cursor, so its next poll is answered with the next page, never a 304.
 */
export async function pollUpdates(
  deps: { updates: UpdateFeed },
  visitorId: string,
  since: string | null,
  ifNoneMatch: string | null,
): Promise<PollResult> {
  const marker = await deps.updates.marker(visitorId);
  const current = etagOf(marker);
  if (matches(ifNoneMatch, current)) return { notModified: true, etag: current };
  if (since !== null && since === marker)
    return { notModified: false, etag: current, batch: { updates: [], cursor: marker } };
  const batch = await deps.updates.since(visitorId, since, POLL_PAGE);
  return { notModified: false, etag: etagOf(batch.cursor), batch };
}

/** The ETag of a 304 when the phone has seen everything (its `If-None-Match` names the marker), else null. */
export async function notModifiedEtag(
  deps: { updates: UpdateFeed },
  visitorId: string,
  ifNoneMatch: string,
): Promise<string | null> {
  const current = etagOf(await deps.updates.marker(visitorId));
  return matches(ifNoneMatch, current) ? current : null;
}

const matches = (ifNoneMatch: string | null, etag: string): boolean =>
  ifNoneMatch !== null && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
