import { sweepBucketLitter } from '@photo/shared/adapters/fs/bucket-litter.fs';
import type { Logger } from '@photo/shared/http/logger';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import { reconcileStore, type ReconcileReport } from '@photo/image-server/use-cases/reconcile-store';
import type { GalleryReconcileReport } from '@photo/gallery-api/use-cases/reconcile-gallery';

export interface ReconcilerSettings {
  RECONCILE_INTERVAL_SECONDS: number;
  RECONCILE_SAFETY_WINDOW_SECONDS: number;
  RECONCILE_REMOVE_ORPHANS: boolean;
}

export interface ReconcilePass {
  store: ReconcileReport;
  /** The gallery's objects and face data (null when the runner has no gallery). */
  gallery: GalleryReconcileReport | null;
}

/** The gallery's half of a pass, bound to its adapters (see startGallery). */
export type GalleryReconcile = (options: {
  safetyWindowSeconds: number;
  repair: boolean;
}) => Promise<GalleryReconcileReport>;

export interface Reconciler {
  /** One pass now (the timer's passes never overlap with it). */
  runOnce(): Promise<ReconcilePass>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * Reconciles the images bucket with the image records, and the gallery's objects and faces with its catalog and
 * users, on a timer (Cloud Scheduler's job in the cloud, where bucket lifecycle rules are the backstop), and on the
 * embedded bucket also removes bodies of puts that died mid-write. Logs a line when a pass found something.
 */
export function startReconciler(deps: {
  images: ImageRepository;
  blobs: BlobStore;
  clock: Clock;
  logger: Logger;
  /** The embedded bucket's root (null in cloud mode). */
  bucketRoot: string | null;
  settings: ReconcilerSettings;
  gallery?: GalleryReconcile | null;
}): Reconciler {
  const { settings, logger } = deps;
  let running: Promise<ReconcilePass> | null = null;
  const pass = async (): Promise<ReconcilePass> => {
    const window = settings.RECONCILE_SAFETY_WINDOW_SECONDS;
    const report = await reconcileStore(deps, {
      safetyWindowSeconds: window,
      removeOrphans: settings.RECONCILE_REMOVE_ORPHANS,
    });
    const litter = deps.bucketRoot
      ? await sweepBucketLitter(deps.bucketRoot, new Date(deps.clock.now().getTime() - window * 1000))
      : null;
    const gallery = deps.gallery
      ? await deps.gallery({ safetyWindowSeconds: window, repair: settings.RECONCILE_REMOVE_ORPHANS })
      : null;
    const found = [
      report.orphans,
      report.missing,
      gallery?.uncatalogued,
      gallery?.missingObjects,
      gallery?.orphanFaceUsers,
    ].some((list) => list?.length);
    if (found || litter?.halfWritten || litter?.straySidecars)
      logger.warn({ reconcile: { ...report, litter, gallery } }, 'store reconciled');
    return { store: report, gallery };
  };
  const runOnce = (): Promise<ReconcilePass> => {
    running ??= pass().finally(() => (running = null));
    return running;
  };
  const timer =
    settings.RECONCILE_INTERVAL_SECONDS > 0
      ? setInterval(() => {
          runOnce().catch((err: unknown) => logger.warn({ err }, 'store reconcile failed'));
        }, settings.RECONCILE_INTERVAL_SECONDS * 1000)
      : null;
  timer?.unref();
  return {
    runOnce,
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
