import { Router } from 'express';
import { toImageView } from '@photo/shared/http/image-views';
import { parse } from '@photo/shared/http/validate';
import type { LikeRepository } from '@photo/shared/ports/like-repository.port';
import type { ParticipantUpdate, UpdateFeed } from '@photo/shared/ports/update-feed.port';
import type { Authenticator } from '../auth/authenticator';
import type { MyImageView, UpdateView } from '../http/response-schemas';
import type { UpdateHub } from '../live/update-hub';
import { coalesced, endStream } from '../live/coalesced';
import { notificationStream, type NotificationStreamDeps } from '../live/notification-stream';
import { uploadStream, type UploadStreamDeps } from '../uploads/upload-stream';
import { getParticipant, participantStatus, type ParticipantDeps } from '../use-cases/participants';
import { pollUpdates } from '../use-cases/poll-updates';
import { pageQuery, updatesQuery } from './schemas';
import { toParticipantView, toStatusView } from './views';

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

/** The participant app: who am I, my images, what changed since my last look (polling or SSE). */
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
    let cursor: string | null = req.get('last-event-id') ?? since ?? null;
    // A cursor this feed did not issue is a 400 now, not a stream that drops and reconnects forever.
    await deps.updates.since(visitorId, cursor, 1);
    // A phone that hung up during the reads above has had its 'close' already: nothing would end this stream.
    if (req.socket.destroyed) return;
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    res.write('retry: 3000\n\n');

    const send = coalesced(async () => {
      const batch = await deps.updates.since(visitorId, cursor, UPDATE_PAGE);
      for (const update of batch.updates) {
        res.write(`event: update\ndata: ${JSON.stringify(toUpdateView(update))}\n\n`);
      }
      if (batch.cursor && batch.cursor !== cursor) {
        cursor = batch.cursor;
        res.write(`id: ${cursor}\ndata: {"cursor":"${cursor}"}\nevent: cursor\n\n`);
      }
      // A full page: more may be waiting, so read again now rather than at the next wake-up.
      return batch.updates.length === UPDATE_PAGE;
    }, endStream(res));
    const notifications = deps.liveNotifications
      ? notificationStream(deps.liveNotifications, res, visitorId)
      : null;
    const uploads = deps.liveUploads ? uploadStream(deps.liveUploads, res, visitorId) : null;
    const unsubscribe = deps.hub.subscribe(visitorId, (signal) => {
      if (signal === 'notification') void notifications?.send();
      else if (signal === 'upload') void uploads?.send();
      else void send();
    });
    const recheck = setInterval(() => {
      void send();
      void notifications?.send();
      void uploads?.send();
    }, deps.streamRecheckMs);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), deps.streamHeartbeatMs);
    const stopDraining = deps.hub.onDrain(() => res.end());
    req.on('close', () => {
      unsubscribe();
      stopDraining();
      clearInterval(recheck);
      clearInterval(heartbeat);
    });
    await send();
  });

  return router;
}
