import type { Router } from 'express';
import { toImageView } from '@photo/shared/http/image-views';
import { z } from 'zod';
import { errors } from '@photo/shared/errors/errors';
import type { LikeRepository } from '@photo/shared/ports/like-repository.port';
import type { ParticipantUpdate, UpdateFeed } from '@photo/shared/ports/update-feed.port';
import type { Authenticator } from '../auth/authenticator';
import {
  myImagesView,
  participantDetailView,
  qrView,
  updateBatchView,
  type UpdateView,
} from '../http/response-schemas';
import { backendRouter, defineRoute, eventStream, noCache } from '../http/route';
import {
  notificationRound,
  uploadRound,
  type NotificationStreamDeps,
  type UploadStreamDeps,
} from '../live/participant-rounds';
import { openSse, type SseRound, type StreamDeps } from '../live/sse';
import { getParticipant, participantStatus, qrFor, type ParticipantDeps } from '../use-cases/participants';
import { pollUpdates } from '../use-cases/poll-updates';
import { pageQuery, updatesQuery } from './schemas';
import { toDetailView, toQrView } from './views';

/** Updates per SSE round. */
const UPDATE_PAGE = 100;

export interface MeRouteDeps extends ParticipantDeps, StreamDeps {
  auth: Authenticator;
  updates: UpdateFeed;
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

const TAGS = ['Participant app'];
const etag = {
  ETag: { description: "The feed's marker: send it back as `If-None-Match`.", schema: { type: 'string' } },
} as const;
const sinceErrors = [
  [errors.invalidRequest, '`since` longer than 100 characters, or an unknown parameter.'],
] as const;

const getMe = defineRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  tags: TAGS,
  summary: 'Who am I, and have I been photographed?',
  access: 'participant',
  responses: { 200: { description: 'The participant.', body: participantDetailView } },
});

const getMyQr = defineRoute({
  method: 'get',
  path: '/me/qr',
  operationId: 'getMyQr',
  tags: TAGS,
  summary: 'My check-in code: a fresh QR payload for the staff to scan',
  description: `Signed afresh on every call, valid QR_TTL_SECONDS from then (\`expiresAt\`): the same answer as an
operator's \`GET /participants/{visitorId}/qr\`, for the participant holding the token, however they joined. Keep
it to show offline until \`expiresAt\`; ask again after that. Answered \`Cache-Control: private, no-store\`.`,
  access: 'participant',
  responses: { 200: { description: 'The payload and until when it scans.', body: qrView } },
});

const listMyImages = defineRoute({
  method: 'get',
  path: '/me/images',
  operationId: 'listMyImages',
  tags: TAGS,
  summary: 'My images that have at least one version, newest first, a page at a time',
  access: 'participant',
  request: { query: pageQuery },
  responses: { 200: { description: 'A page of images.', body: myImagesView } },
  errors: [errors.invalidCursor],
});

const pollMyUpdates = defineRoute({
  method: 'get',
  path: '/me/updates',
  operationId: 'pollMyUpdates',
  tags: TAGS,
  summary: 'What changed since my last look (polling)',
  description: `Poll with the last \`cursor\` as \`since\` and the last \`ETag\` as \`If-None-Match\`: when the feed
has not changed the answer is 304 with no body, which costs the server one indexed read. Then ask for a one-time URL of
each updated image.`,
  access: 'participant',
  request: {
    query: updatesQuery,
    headers: z.object({
      'If-None-Match': z.string().optional().meta({ description: 'The ETag of the last answer.' }),
    }),
  },
  responses: {
    200: { description: 'The updates after `since`.', headers: etag, body: updateBatchView },
    304: { description: 'Nothing changed since the ETag sent.', headers: etag },
  },
  errors: [...sinceErrors, [errors.invalidCursor, '`since` is not a cursor this feed issued.']],
});

const streamMyUpdates = defineRoute({
  method: 'get',
  path: '/me/updates/stream',
  operationId: 'streamMyUpdates',
  tags: TAGS,
  summary: 'What changed, pushed as Server-Sent Events',
  description: `Starts with \`retry: 3000\`, then sends every update after \`since\` (or after \`Last-Event-ID\` on a
reconnection) and stays open. Each update is an \`update\` event whose data is an \`ImageUpdate\`; after a batch comes a
\`cursor\` event whose \`id\` is the new cursor. A \`: keep-alive\` comment is written every STREAM_HEARTBEAT_MS. The
stream also re-reads the feed every STREAM_RECHECK_MS, so updates recorded by another instance arrive too. The token
goes in the Authorization header, so a browser's EventSource (which cannot set headers) is not enough. Beside the
updates, a \`notification\` event (data: a \`NotificationEvent\`) is sent whenever one of the participant's notifications
is created or changes (another like joined it); it has no \`id\`, and the inbox (\`GET /me/notifications\`) is the
place to catch up after a reconnection.`,
  access: 'participant',
  request: {
    query: updatesQuery,
    headers: z.object({
      'Last-Event-ID': z
        .string()
        .optional()
        .meta({ description: 'Sent by SSE clients on reconnection; wins over `since`.' }),
    }),
  },
  responses: {
    200: eventStream(
      'An endless event stream.',
      'retry: 3000\n\nevent: update\ndata: {"imageId":"img_…","version":2,"variant":"original","updatedAt":"…"}\n\nid: dTQy\nevent: cursor\ndata: {"cursor":"dTQy"}\n\n',
    ),
  },
  errors: [
    ...sinceErrors,
    [
      errors.invalidCursor,
      '`since` (or `Last-Event-ID`) is not a cursor this feed issued; the stream does not open.',
    ],
  ],
});

export const meContracts = [getMe, getMyQr, listMyImages, pollMyUpdates, streamMyUpdates];

/** The participant app: who am I, my check-in code, my images, what changed since my last look (polling or SSE). */
export function meRoutes(deps: MeRouteDeps): Router {
  return backendRouter(deps, (route) => {
    route(getMe, async ({ caller }) => {
      const participant = await getParticipant(deps, caller.visitorId);
      const body = toDetailView(participant, await participantStatus(deps, participant));
      return { status: 200, body, headers: noCache };
    });

    // Issued afresh on every call, so a code past its expiry (or a participant who never had one) gets a valid one.
    route(getMyQr, async ({ caller }) => ({
      status: 200,
      body: toQrView(await qrFor(deps, caller.visitorId)),
      headers: { 'Cache-Control': 'private, no-store' },
    }));

    route(listMyImages, async ({ caller: { visitorId }, query }) => {
      const page = await deps.images.list(
        { ownerVisitorId: visitorId },
        { limit: query.limit, after: query.after ?? null },
      );
      // An image without a version yet (a photo slot never shot) has nothing to show; the page cursor still moves on.
      const shown = page.items.filter((i) => i.currentVersion > 0);
      const ids = shown.map((i) => i.imageId);
      const liked = deps.likes ? await deps.likes.likedAmong(visitorId, ids) : new Set<string>();
      const items = shown.map((i) => ({ ...toImageView(i), likedByMe: liked.has(i.imageId) }));
      return { status: 200, body: { items, next: page.next }, headers: noCache };
    });

    route(pollMyUpdates, async ({ caller, query, headers }) => {
      const etag = headers['If-None-Match'] ?? null;
      const result = await pollUpdates(deps, caller.visitorId, query.since ?? null, etag);
      const cache = { ETag: result.etag, ...noCache };
      if (result.notModified) return { status: 304, headers: cache };
      const body = { updates: result.batch.updates.map(toUpdateView), cursor: result.batch.cursor };
      return { status: 200, body, headers: cache };
    });

    route(streamMyUpdates, async ({ caller: { visitorId }, query, headers, req, res }) => {
      let cursor = headers['Last-Event-ID'] ?? query.since ?? null;
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
        ...deps,
        key: visitorId,
        rounds: {
          update: updates,
          ...(deps.liveNotifications
            ? { notification: notificationRound(deps.liveNotifications, visitorId) }
            : {}),
          ...(deps.liveUploads ? { upload: uploadRound(deps.liveUploads, visitorId) } : {}),
        },
      });
    });
  });
}
