import { createHash } from 'node:crypto';
import type { Router } from 'express';
import { z } from 'zod';
import { IMAGE_STATUSES } from '@photo/shared/domain/image';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import type { Authenticator } from '../auth/authenticator';
import { backendRouter, defineRoute, noCache } from '../http/route';
import type { EventDashboard } from '../use-cases/event-dashboard';

const count = z.number().int().nonnegative();
const statusCounts = z
  .object(
    Object.fromEntries(IMAGE_STATUSES.map((s) => [s, count])) as {
      [S in (typeof IMAGE_STATUSES)[number]]: z.ZodNumber;
    },
  )
  .meta({ id: 'ImageStatusCounts', description: 'How many images are in each pipeline state.' });

const dashboardView = z
  .object({
    participants: z.object({
      total: count,
      photographed: count.meta({ description: 'Participants whose photo has at least one stored version.' }),
    }),
    photosLast10Minutes: count.meta({
      description: 'Participant photo versions (re-shoots included) stored in the last 10 minutes.',
    }),
    images: z.object({ event: statusCounts, participantPhoto: statusCounts }),
    deadLettersWaiting: count.meta({ description: 'Dead letters never replayed (GET /admin/dead-letters).' }),
    photosOverTime: z
      .object({
        from: z.iso.datetime().meta({ description: 'Where the first bar starts.' }),
        widthMinutes: z.number().int().positive().meta({
          description: 'Each bar spans this many minutes: 1, or wider so the event fits in 60 bars.',
        }),
        counts: z
          .array(count)
          .meta({ description: 'Participant photos stored in each bar, the last one still filling.' }),
      })
      .nullable()
      .meta({ description: 'From the first participant photo until now; null before any.' }),
  })
  .meta({ id: 'EventDashboard' });

const getEventDashboard = defineRoute({
  method: 'get',
  path: '/admin/dashboard',
  operationId: 'getEventDashboard',
  tags: ['Admin'],
  summary:
    'The live state of the event: participants photographed, recent photos, the pipeline, dead letters',
  description: `Counts kept indexed by the store (Firestore count() aggregations in the cloud), cheap enough to poll
every few seconds: send the ETag back as If-None-Match and the answer is 304 until a count changes.`,
  access: { permission: PERMISSIONS.busAdmin },
  request: {
    headers: z.object({
      'If-None-Match': z.string().optional().meta({ description: 'The ETag of the last answer.' }),
    }),
  },
  responses: {
    200: {
      description: 'The dashboard.',
      body: dashboardView,
      headers: { ETag: { description: 'Changes when any count does.', schema: { type: 'string' } } },
    },
    304: { description: 'Nothing changed since the ETag sent.' },
  },
});

export const dashboardContracts = [getEventDashboard];

const toView = (d: EventDashboard): z.infer<typeof dashboardView> => ({
  ...d,
  photosOverTime: d.photosOverTime && { ...d.photosOverTime, from: d.photosOverTime.from.toISOString() },
});

/** The console's dashboard, polled every few seconds: 304 while nothing changed. */
export function dashboardRoutes(deps: { auth: Authenticator; read: () => Promise<EventDashboard> }): Router {
  return backendRouter(deps, (route) => {
    route(getEventDashboard, async ({ headers, res }) => {
      const body = JSON.stringify(toView(await deps.read()));
      const etag = `"d.${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
      res.set({ ETag: etag, ...noCache });
      if (headers['If-None-Match'] === etag) return { status: 304 };
      res.type('application/json').send(body);
    });
  });
}
