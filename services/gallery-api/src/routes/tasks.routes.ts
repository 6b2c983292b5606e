import { Router } from 'express';
import { z } from 'zod';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { requestContext } from '@photo/shared/http/request-context';
import {
  reconcileGallery,
  type GalleryReconcileDeps,
  type GalleryReconcileOptions,
} from '../use-cases/reconcile-gallery';

export const RECONCILE_PATH = '/tasks/reconcile';

/** The answer of a gallery reconcile pass (what `reconcileGallery` found and did). */
export const galleryReconcileReportView = z.object({
  uncatalogued: z.array(z.string()),
  reannounced: z.number().int().min(0),
  missingObjects: z.array(z.object({ itemId: z.string(), objectKey: z.string() })),
  orphanFaceUsers: z.array(z.string()),
  orphanFacesRemoved: z.number().int().min(0),
  objectsSeen: z.number().int().min(0),
  itemsSeen: z.number().int().min(0),
});

export interface GalleryReconcileTaskDeps extends GalleryReconcileDeps {
  /** Cloud Scheduler's OIDC token, checked against SCHEDULER_SERVICE_ACCOUNT (null: PUSH_AUTH=disabled, emulators). */
  schedulerAuth: ServiceCallerVerifier | null;
  options: GalleryReconcileOptions;
}

/**
 * Cloud Scheduler calls POST /tasks/reconcile every hour with an OIDC token of its service account: one gallery pass
 * over Cloud Storage and Firestore (the embedded runner runs the same pass on its own timer). Overlapping passes are
 * safe: an announcement is catalogued idempotently and a face of a user who is gone is deleted once.
 */
export function tasksRoutes(deps: GalleryReconcileTaskDeps): Router {
  const router = Router();
  router.post(RECONCILE_PATH, async (req, res) => {
    const ctx = requestContext(res);
    if (deps.schedulerAuth) ctx.caller = await deps.schedulerAuth.verify(req);
    const report = await reconcileGallery(deps, deps.options);
    const found = report.uncatalogued.length + report.missingObjects.length + report.orphanFaceUsers.length;
    ctx.logger[found > 0 ? 'warn' : 'info']({ reconcile: { gallery: report } }, 'store reconciled');
    res.json(report);
  });
  return router;
}
