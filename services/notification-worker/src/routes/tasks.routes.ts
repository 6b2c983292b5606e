import { Router } from 'express';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { requestContext } from '@photo/shared/http/request-context';
import type { NotificationWorkerDeps } from '../deps';
import { dispatchDue } from '../use-cases/dispatch';

export const DISPATCH_PATH = '/tasks/dispatch';

/**
 * Cloud Scheduler calls POST /tasks/dispatch every minute with an OIDC token of its service account: the outbox is
 * swept (when a sweep is given), due digests are planned and due deliveries sent. Each call handles at most
 * `maxItems`, so it ends well within the request timeout; what is left is due at the next call.
 */
export function tasksRoutes(
  deps: NotificationWorkerDeps & {
    schedulerAuth: ServiceCallerVerifier | null;
    /** Publishes outbox rows left unpublished (one outbox relay round); cloud only. */
    sweepOutbox?: () => Promise<number>;
    maxItems?: number;
  },
): Router {
  const router = Router();
  router.post(DISPATCH_PATH, async (req, res) => {
    const ctx = requestContext(res);
    if (deps.schedulerAuth) ctx.caller = await deps.schedulerAuth.verify(req);
    // A failed sweep (Pub/Sub down) must not hold back deliveries already due: it is logged and retried next minute.
    const relayed = deps.sweepOutbox
      ? await deps.sweepOutbox().catch((err: unknown) => {
          ctx.logger.warn({ err }, 'outbox sweep failed');
          return -1;
        })
      : 0;
    const report = await dispatchDue(deps, { maxItems: deps.maxItems ?? 500 });
    ctx.logger.info({ report, relayed }, 'dispatch task');
    res.json({ ...report, relayed });
  });
  return router;
}
