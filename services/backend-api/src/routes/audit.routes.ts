import { Router } from 'express';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { parse } from '@photo/shared/http/validate';
import type { AuditLog } from '@photo/shared/ports/audit-log.port';
import type { Authenticator } from '../auth/authenticator';
import type { AuditPageView } from '../http/openapi-audit-paths';
import { pageQuery } from './schemas';

/** Operators read the audit log. */
export function auditRoutes(deps: { auth: Authenticator; audit: AuditLog }): Router {
  const router = Router();

  router.get('/admin/audit', async (req, res) => {
    await deps.auth.user(req, res, PERMISSIONS.operatorsRead);
    const query = parse(pageQuery, req.query);
    const page = await deps.audit.list({ limit: query.limit, after: query.after ?? null });
    const view: AuditPageView = {
      items: page.items.map((e) => ({ ...e, at: e.at.toISOString() })),
      next: page.next,
    };
    res.set('Cache-Control', 'no-store').json(view);
  });

  return router;
}
