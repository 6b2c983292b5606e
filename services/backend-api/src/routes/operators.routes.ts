import { Router } from 'express';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import type { OperatorDirectory } from '@photo/shared/ports/operator-directory.port';
import type { Authenticator } from '../auth/authenticator';

/** The console's team page: who can sign in to run the event, and with which roles (Auth0's Management API). */
export function operatorRoutes(deps: { auth: Authenticator; operators: OperatorDirectory | null }): Router {
  const router = Router();
  router.get('/admin/operators', async (req, res) => {
    await deps.auth.user(req, res, PERMISSIONS.operatorsRead);
    if (!deps.operators) throw errors.unavailable('The operator directory is not configured (AUTH0_DOMAIN).');
    res.set('Cache-Control', 'private, no-store').json({ items: await deps.operators.listOperators() });
  });
  return router;
}
