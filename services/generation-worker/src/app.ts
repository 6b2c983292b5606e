import type { Express } from 'express';
import { createWorkerApp, type WorkerAppOptions } from '@photo/shared/http/worker-app';
import { generateArtworkHandler, type GenerationDeps } from './handlers/generate-artwork.handler';

export const SUBSCRIPTION = 'generation-worker.generation-requested';

/** The generation worker: posters rendered from a palette and the clustered photo. */
export function createGenerationWorkerApp(
  deps: GenerationDeps,
  options: Omit<WorkerAppOptions, 'handlers' | 'publisher'>,
): Express {
  return createWorkerApp({
    ...options,
    publisher: deps.publisher,
    handlers: { [SUBSCRIPTION]: generateArtworkHandler(deps) },
  });
}
