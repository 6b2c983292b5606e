import { Router } from 'express';
import { z } from 'zod';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { requestContext } from '@photo/shared/http/request-context';
import { defineRoute, imageServerRouteMounter } from '../http/route';
import { reconcileStore, type ReconcileDeps } from '../use-cases/reconcile-store';

export const RECONCILE_PATH = '/tasks/reconcile';

/** The answer of a reconcile pass (what `reconcileStore` found). */
const reconcileReportView = z
  .object({
    orphans: z.array(z.string()),
    orphansRemoved: z.number().int().min(0),
    missing: z.array(
      z.object({ imageId: z.string(), version: z.number().int(), variant: z.string(), blobKey: z.string() }),
    ),
    objectsSeen: z.number().int().min(0),
    variantsSeen: z.number().int().min(0),
  })
  .meta({ id: 'ReconcileReport' });

const reconcileStoreRoute = defineRoute({
  method: 'post',
  path: RECONCILE_PATH,
  operationId: 'reconcileStore',
  tags: ['Tasks'],
  summary: 'One pass of the store reconciler (Cloud Scheduler, hourly)',
  description:
    'Served when SCHEDULER_SERVICE_ACCOUNT is set, for an OIDC token of that account. Objects under `originals/` and ' +
    '`derived/` that no image variant refers to are deleted (RECONCILE_REMOVE_ORPHANS) and variants whose object ' +
    'is missing reported, both older than RECONCILE_SAFETY_WINDOW_SECONDS.',
  access: 'scheduler',
  responses: { 200: { description: 'What the pass found and removed.', body: reconcileReportView } },
});

export const tasksContracts = [reconcileStoreRoute];

export interface ReconcileTaskDeps extends ReconcileDeps {
  /** Cloud Scheduler's OIDC token, checked against SCHEDULER_SERVICE_ACCOUNT. */
  schedulerAuth: ServiceCallerVerifier;
  safetyWindowSeconds: number;
  removeOrphans: boolean;
}

/**
 * Cloud Scheduler calls POST /tasks/reconcile every hour with an OIDC token of its service account: one pass of the
 * store reconciler over Cloud Storage and Firestore (the embedded runner runs the same pass on its own timer). Passes
 * that overlap (a slow one, a manual call) are safe: each orphan is checked once more just before it is deleted.
 */
export function tasksRoutes(deps: ReconcileTaskDeps): Router {
  const router = Router();
  imageServerRouteMounter({ scheduler: deps.schedulerAuth })(router, reconcileStoreRoute, async ({ res }) => {
    const report = await reconcileStore(deps, {
      safetyWindowSeconds: deps.safetyWindowSeconds,
      removeOrphans: deps.removeOrphans,
    });
    const found = report.orphans.length + report.missing.length;
    requestContext(res).logger[found > 0 ? 'warn' : 'info']({ reconcile: report }, 'store reconciled');
    return { status: 200, body: report };
  });
  return router;
}
