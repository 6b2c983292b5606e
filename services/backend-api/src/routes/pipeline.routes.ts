import type { Router } from 'express';
import { z } from 'zod';
import { IMAGE_KINDS } from '@photo/shared/domain/image';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { Authenticator } from '../auth/authenticator';
import { backendRouter, defineRoute, eventStream } from '../http/route';
import { PIPELINE_KEY, PIPELINE_RECHECK_MS, pipelineRound } from '../live/pipeline-stream';
import { openSse, type StreamDeps } from '../live/sse';

const pipelineQuery = z.object({ kind: z.enum(IMAGE_KINDS).default('event') }).strict();
/** Last-Event-ID of this stream: the change time (ms) of the last image the client got. */
const pipelineEventId = z.string().regex(/^[0-9]{1,15}$/, 'must be an event id this stream sent');

const streamPipeline = defineRoute({
  method: 'get',
  path: '/pipeline/events',
  operationId: 'streamPipeline',
  tags: ['Images'],
  summary: 'The colour pipeline live: image status changes as Server-Sent Events',
  description: `From the moment it opens (or from \`Last-Event-ID\`), every image of \`kind\` whose status, served
variant or version changes, as \`event: image\` with the \`Image\` and \`history\`, the status history of its current
version (\`status\`, \`reason\`, \`at\`), so a status passed between two reads still shows; its \`id\` is the change
time in milliseconds.
The stream is woken by the image server's swaps and re-reads the store at least every second (the workers record
\`clustering\`, \`generating\` and \`failed\` themselves), sends a \`: keep-alive\` comment every STREAM_HEARTBEAT_MS
and ends when the service drains: reconnect with \`Last-Event-ID\` (the last change is sent again). The token goes in
the Authorization header, so a browser's EventSource (which cannot set headers) is not enough: read it over fetch.`,
  access: { permission: PERMISSIONS.imagesRead },
  request: {
    query: pipelineQuery,
    headers: z.object({
      'Last-Event-ID': pipelineEventId
        .optional()
        .meta({ description: 'Sent by SSE clients on reconnection: the id of the last event received.' }),
    }),
  },
  responses: {
    200: eventStream(
      'An endless event stream.',
      'retry: 3000\n\nid: 1764915200123\nevent: image\ndata: {"imageId":"img_…","kind":"event","status":"clustered",…}\n\n',
    ),
  },
  errors: [[errors.invalidRequest, 'An unknown `kind`, or a `Last-Event-ID` this stream never sent.']],
});

export const pipelineContracts = [streamPipeline];

/** Operators: the colour pipeline live, over SSE (the console's images screen). */
export function pipelineRoutes(
  deps: StreamDeps & { auth: Authenticator; images: ImageRepository; clock: Clock },
): Router {
  return backendRouter(deps, (route) => {
    route(streamPipeline, async ({ query, headers, req, res }) => {
      const resumeId = headers['Last-Event-ID'];
      await openSse(req, res, {
        ...deps,
        key: PIPELINE_KEY,
        rounds: { update: pipelineRound(deps, query.kind, resumeId ? new Date(Number(resumeId)) : null) },
        streamRecheckMs: Math.min(deps.streamRecheckMs, PIPELINE_RECHECK_MS),
      });
    });
  });
}
