import { Router } from 'express';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { requestContext } from '@photo/shared/http/request-context';
import type { SweepReport } from '../use-cases/sweep';

export const SWEEP_PATH = '/tasks/sweep';

/**
 * Cloud Scheduler calls POST /tasks/sweep (every 10 minutes, say) with an OIDC token of its service account:
 * expired pending uploads become `expired`, objects under uploads/ with no live intent are deleted. Each call does
 * a bounded batch of each (see `sweepUploads`), so it ends well within the request timeout; the next call continues.
 */
export function tasksRoutes(deps: {
  sweep: () => Promise<SweepReport>;
  schedulerAuth: ServiceCallerVerifier | null;
}): Router {
  const router = Router();
  router.post(SWEEP_PATH, async (req, res) => {
    const ctx = requestContext(res);
    if (deps.schedulerAuth) ctx.caller = await deps.schedulerAuth.verify(req);
    res.json(await deps.sweep());
  });
  return router;
}
