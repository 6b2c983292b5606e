import type { Express } from 'express';
import { createWorkerApp, type WorkerAppOptions } from '@photo/shared/http/worker-app';
import { recolourLookHandler, type ProcessingDeps } from './handlers/recolour-look.handler';

export const SUBSCRIPTION = 'processing-worker.processing-requested';

/** The processing worker (the seed's 画像処理サーバー): participants' photos recoloured onto chosen palettes. */
export function createProcessingWorkerApp(
  deps: ProcessingDeps,
  options: Omit<WorkerAppOptions, 'handlers' | 'publisher'>,
): Express {
  return createWorkerApp({
    ...options,
    publisher: deps.publisher,
    handlers: { [SUBSCRIPTION]: recolourLookHandler(deps) },
  });
}
