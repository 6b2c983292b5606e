import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { DOCUMENTED_ERRORS as E } from '@photo/shared/http/openapi';
import { pageQuery, updatesQuery } from '../routes/schemas';
import { json, ok, operation } from './openapi-operation';
import * as views from './response-schemas';

const etag = {
  ETag: { description: "The feed's marker: send it back as `If-None-Match`.", schema: { type: 'string' } },
} as const;

/** The participant app's own routes. */
export const mePaths: RouteConfig[] = [
  operation({
    method: 'get',
    path: '/me',
    operationId: 'getMe',
    tags: ['Participant app'],
    summary: 'Who am I, and have I been photographed?',
    access: 'participant',
    responses: { 200: ok('The participant.', views.participantDetailView) },
    errors: [],
  }),
  operation({
    method: 'get',
    path: '/me/qr',
    operationId: 'getMyQr',
    tags: ['Participant app'],
    summary: 'My check-in code: a fresh QR payload for the staff to scan',
    description: `Signed afresh on every call, valid QR_TTL_SECONDS from then (\`expiresAt\`): the same answer as an
operator's \`GET /participants/{visitorId}/qr\`, for the participant holding the token, however they joined. Keep
it to show offline until \`expiresAt\`; ask again after that. Answered \`Cache-Control: private, no-store\`.`,
    access: 'participant',
    responses: { 200: ok('The payload and until when it scans.', views.qrView) },
    errors: [],
  }),
  operation({
    method: 'get',
    path: '/me/images',
    operationId: 'listMyImages',
    tags: ['Participant app'],
    summary: 'My images that have at least one version, newest first, a page at a time',
    access: 'participant',
    request: { query: pageQuery },
    responses: { 200: ok('A page of images.', views.myImagesView) },
    errors: [E.invalidRequest, E.invalidCursor],
  }),
  operation({
    method: 'get',
    path: '/me/updates',
    operationId: 'pollMyUpdates',
    tags: ['Participant app'],
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
      200: { description: 'The updates after `since`.', headers: etag, content: json(views.updateBatchView) },
      304: { description: 'Nothing changed since the ETag sent.', headers: etag },
    },
    errors: [
      { ...E.invalidRequest, description: '`since` longer than 100 characters, or an unknown parameter.' },
      { ...E.invalidCursor, description: '`since` is not a cursor this feed issued.' },
    ],
  }),
  operation({
    method: 'get',
    path: '/me/updates/stream',
    operationId: 'streamMyUpdates',
    tags: ['Participant app'],
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
      200: {
        description: 'An endless event stream.',
        content: {
          'text/event-stream': {
            schema: { type: 'string' },
            example:
              'retry: 3000\n\nevent: update\ndata: {"imageId":"img_…","version":2,"variant":"original","updatedAt":"…"}\n\nid: dTQy\nevent: cursor\ndata: {"cursor":"dTQy"}\n\n',
          },
        },
      },
    },
    errors: [
      { ...E.invalidRequest, description: '`since` longer than 100 characters, or an unknown parameter.' },
      {
        ...E.invalidCursor,
        description:
          '`since` (or `Last-Event-ID`) is not a cursor this feed issued; the stream does not open.',
      },
    ],
  }),
];

export const operationsPaths: RouteConfig[] = [
  operation({
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    tags: ['Operations'],
    summary: 'This document',
    access: 'public',
    responses: {
      200: {
        description: 'The OpenAPI 3.1 document.',
        content: { 'application/json': { schema: { type: 'object' } } },
      },
    },
    errors: [],
  }),
];
