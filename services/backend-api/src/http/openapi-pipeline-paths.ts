import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { DOCUMENTED_ERRORS as E } from '@photo/shared/http/openapi';
import { pipelineEventId, pipelineQuery } from '../routes/pipeline.routes';
import { operation } from './openapi-operation';

export const pipelinePaths: RouteConfig[] = [
  operation({
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
      200: {
        description: 'An endless event stream.',
        content: {
          'text/event-stream': {
            schema: { type: 'string' },
            example:
              'retry: 3000\n\nid: 1764915200123\nevent: image\ndata: {"imageId":"img_…","kind":"event","status":"clustered",…}\n\n',
          },
        },
      },
    },
    errors: [
      { ...E.invalidRequest, description: 'An unknown `kind`, or a `Last-Event-ID` this stream never sent.' },
    ],
  }),
];
