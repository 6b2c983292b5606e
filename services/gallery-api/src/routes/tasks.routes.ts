import { Router } from 'express';
import { z } from 'zod';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { errors } from '@photo/shared/errors/errors';
import { defineRoute, mountRoute, routeConfig } from '@photo/shared/http/contract';
import { requestContext } from '@photo/shared/http/request-context';
import {
  reconcileGallery,
  type GalleryReconcileDeps,
  type GalleryReconcileOptions,
} from '../use-cases/reconcile-gallery';

/** The answer of a gallery reconcile pass (what `reconcileGallery` found and did). */
export const galleryReconcileReportView = z
  .object({
    uncatalogued: z.array(z.string()),
    reannounced: z.number().int().min(0),
    missingObjects: z.array(z.object({ itemId: z.string(), objectKey: z.string() })),
    orphanFaceUsers: z.array(z.string()),
    orphanFacesRemoved: z.number().int().min(0),
    objectsSeen: z.number().int().min(0),
    itemsSeen: z.number().int().min(0),
  })
  .meta({ id: 'GalleryReconcileReport' });

export const reconcileTaskRoute = defineRoute({
  method: 'post',
  path: '/tasks/reconcile',
  operationId: 'reconcileGallery',
  tags: ['Tasks'],
  summary: 'One pass of the gallery reconciler (Cloud Scheduler, hourly)',
  description:
    'Served when SCHEDULER_SERVICE_ACCOUNT is set, for an OIDC token of that account. Objects under GALLERY_PREFIX ' +
    'that no catalog item stands for are announced again as `gallery.object-added`, catalog items whose object is ' +
    'gone are reported (never deleted), and faces of users who no longer exist are deleted (RECONCILE_REMOVE_ORPHANS; ' +
    'false only reports), all older than RECONCILE_SAFETY_WINDOW_SECONDS.',
  access: 'scheduler',
  responses: {
    200: { description: 'What the pass found and did.', body: galleryReconcileReportView },
  },
});

/** The task's OpenAPI operation. */
export const reconcileTaskOperation = routeConfig(reconcileTaskRoute, {
  security: [{ schedulerToken: [] }],
  errors: [errors.unauthenticated, [errors.forbidden, 'A token of another service account.']],
});

/** The scheme of Cloud Scheduler's tokens. */
export const SCHEDULER_SECURITY_SCHEME = {
  schedulerToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A Google-signed OIDC token of SCHEDULER_SERVICE_ACCOUNT, audience the gallery's PUSH_AUDIENCE.",
  },
} as const;

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
  const authorize = async (req: Parameters<ServiceCallerVerifier['verify']>[0]) =>
    deps.schedulerAuth ? deps.schedulerAuth.verify(req) : null;
  mountRoute(router, reconcileTaskRoute, { authorize }, async ({ caller, res }) => {
    const ctx = requestContext(res);
    if (caller) ctx.caller = caller;
    const report = await reconcileGallery(deps, deps.options);
    const found = report.uncatalogued.length + report.missingObjects.length + report.orphanFaceUsers.length;
    ctx.logger[found > 0 ? 'warn' : 'info']({ reconcile: { gallery: report } }, 'store reconciled');
    return { status: 200, body: report };
  });
  return router;
}
