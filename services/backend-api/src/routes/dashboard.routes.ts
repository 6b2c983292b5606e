import { createHash } from 'node:crypto';
import { Router } from 'express';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import type { Authenticator } from '../auth/authenticator';
import type { DashboardView } from '../http/openapi-dashboard-paths';
import type { EventDashboard } from '../use-cases/event-dashboard';

const toView = (d: EventDashboard): DashboardView => ({
  ...d,
  photosOverTime: d.photosOverTime && { ...d.photosOverTime, from: d.photosOverTime.from.toISOString() },
});

/** The console's dashboard, polled every few seconds: 304 while nothing changed. */
export function dashboardRoutes(deps: { auth: Authenticator; read: () => Promise<EventDashboard> }): Router {
  const router = Router();
  router.get('/admin/dashboard', async (req, res) => {
    await deps.auth.user(req, res, PERMISSIONS.busAdmin);
    const body = JSON.stringify(toView(await deps.read()));
    const etag = `"d.${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    res.set({ ETag: etag, 'Cache-Control': 'private, no-cache' });
    if (req.get('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(body);
  });
  return router;
}
