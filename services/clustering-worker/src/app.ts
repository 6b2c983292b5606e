import type { Express } from 'express';
import { createWorkerApp, type WorkerAppOptions } from '@photo/shared/http/worker-app';
import { clusterImageHandler, type ClusteringDeps } from './handlers/cluster-image.handler';

export const SUBSCRIPTION = 'clustering-worker.image-uploaded';

/** The clustering worker: palettes and posterised images of every uploaded image version. */
export function createClusteringWorkerApp(
  deps: ClusteringDeps,
  options: Omit<WorkerAppOptions, 'handlers' | 'publisher'>,
): Express {
  return createWorkerApp({
    ...options,
    publisher: deps.publisher,
    handlers: { [SUBSCRIPTION]: clusterImageHandler(deps) },
  });
}
