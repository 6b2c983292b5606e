import { Router } from 'express';
import { toImageView } from '@photo/shared/http/image-views';
import { parse } from '@photo/shared/http/validate';
import type { LikeRepository } from '@photo/shared/ports/like-repository.port';
import type { ParticipantUpdate, UpdateFeed } from '@photo/shared/ports/update-feed.port';
import type { Authenticator } from '../auth/authenticator';
import type { MyImageView, UpdateView } from '../http/response-schemas';
import type { UpdateHub } from '../live/update-hub';
import { notificationRound, type NotificationStreamDeps } from '../live/notification-stream';
import { lastEventId, openSse, type SseRound } from '../live/sse';
import { uploadRound, type UploadStreamDeps } from '../uploads/upload-stream';
import { getParticipant, participantStatus, qrFor, type ParticipantDeps } from '../use-cases/participants';
import { pollUpdates } from '../use-cases/poll-updates';
import { pageQuery, updatesQuery } from './schemas';
import { toParticipantView, toQrView, toStatusView } from './views';

/** Updates per SSE round. */
const UPDATE_PAGE = 100;

export interface MeRouteDeps extends ParticipantDeps {
  auth: Authenticator;
  updates: UpdateFeed;
  hub: UpdateHub;
  /** How often an open stream re-reads the feed marker (updates recorded by another instance). */
  streamRecheckMs: number;
  streamHeartbeatMs: number;
  /** When given, the stream also sends `notification` events (new or changed in-app notifications). */
  liveNotifications?: NotificationStreamDeps;
  /** When given, each of my images says whether I like it (absent: likes are off, and nothing is liked). */
  likes?: Pick<LikeRepository, 'likedAmong'>;
  /** When given, the stream also sends `upload` events (uploads of the participant's photo changing status). */
  liveUploads?: UploadStreamDeps;
}

const toUpdateView = (u: ParticipantUpdate): UpdateView => ({
  imageId: u.imageId,
  version: u.version,
  variant: u.variant,
  updatedAt: u.updatedAt.toISOString(),
});

/** The participant app: who am I, my check-in code, my images, what changed since my last look (polling or SSE). */
export function meRoutes(deps: MeRouteDeps): Router {
  const router = Router();
  const { auth } = deps;

  router.get('/me', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    const participant = await getParticipant(deps, visitorId);
    res.set('Cache-Control', 'private, no-cache').json({
      participant: toParticipantView(participant),
      status: toStatusView(await participantStatus(deps, participant)),
    });
  });

  // Issued afresh on every call, so a code past its expiry (or a participant who never had one) gets a valid one.
  router.get('/me/qr', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    res.set('Cache-Control', 'private, no-store').json(toQrView(await qrFor(deps, visitorId)));
  });

  router.get('/me/images', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    const query = parse(pageQuery, req.query);
    const page = await deps.images.list(
      { ownerVisitorId: visitorId },
      { limit: query.limit, after: query.after ?? null },
    );
    // An image without a version yet (a photo slot never shot) has nothing to show; the page cursor still moves on.
    const shown = page.items.filter((i) => i.currentVersion > 0);
    const liked = deps.likes
      ? await deps.likes.likedAmong(
          visitorId,
          shown.map((i) => i.imageId),
        )
      : new Set<string>();
    const items: MyImageView[] = shown.map((i) => ({ ...toImageView(i), likedByMe: liked.has(i.imageId) }));
    res.set('Cache-Control', 'private, no-cache').json({ items, next: page.next });
  });

  router.get('/me/updates', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    const { since } = parse(updatesQuery, req.query);
    const result = await pollUpdates(deps, visitorId, since ?? null, req.get('if-none-match') ?? null);
    res.set({ ETag: result.etag, 'Cache-Control': 'private, no-cache' });
    if (result.notModified) {
      res.status(304).end();
      return;
    }
    res.json({ updates: result.batch.updates.map(toUpdateView), cursor: result.batch.cursor });
  });

  router.get('/me/updates/stream', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    const { since } = parse(updatesQuery, req.query);
    let cursor = lastEventId(req) ?? since ?? null;
    // A cursor this feed did not issue is a 400 now, not a stream that drops and reconnects forever.
    await deps.updates.since(visitorId, cursor, 1);
    const updates: SseRound = async (write) => {
      const batch = await deps.updates.since(visitorId, cursor, UPDATE_PAGE);
      for (const update of batch.updates) write({ event: 'update', data: toUpdateView(update) });
      if (batch.cursor && batch.cursor !== cursor) {
        cursor = batch.cursor;
        write({ event: 'cursor', id: cursor, data: { cursor } });
      }
      // A full page: more may be waiting, so read again now rather than at the next wake-up.
      return batch.updates.length === UPDATE_PAGE;
    };
    await openSse(req, res, {
      hub: deps.hub,
      key: visitorId,
      rounds: {
        update: updates,
        ...(deps.liveNotifications
          ? { notification: notificationRound(deps.liveNotifications, visitorId) }
          : {}),
        ...(deps.liveUploads ? { upload: uploadRound(deps.liveUploads, visitorId) } : {}),
      },
      recheckMs: deps.streamRecheckMs,
      heartbeatMs: deps.streamHeartbeatMs,
    });
  });

  return router;
}
