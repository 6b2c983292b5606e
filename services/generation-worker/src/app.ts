import type { Express } from 'express';
import { createWorkerApp, type WorkerAppOptions } from '@photo/shared/http/worker-app';
import type { AutomationRepository } from '@photo/shared/ports/automation-repository.port';
import { autoGenerateHandler } from './handlers/auto-generate.handler';
import { generateArtworkHandler, type GenerationDeps } from './handlers/generate-artwork.handler';

export const SUBSCRIPTION = 'generation-worker.generation-requested';
/** The automation rule: a clustered event image is generated when the event says so. */
export const AUTOMATION_SUBSCRIPTION = 'generation-worker.image-clustered';

/** The generation worker: posters rendered from a palette and the clustered photo. */
export function createGenerationWorkerApp(
  deps: GenerationDeps & { automation: AutomationRepository },
  options: Omit<WorkerAppOptions, 'handlers' | 'publisher'>,
): Express {
  return createWorkerApp({
    ...options,
    publisher: deps.publisher,
    handlers: {
      [SUBSCRIPTION]: generateArtworkHandler(deps),
      [AUTOMATION_SUBSCRIPTION]: autoGenerateHandler(deps),
    },
  });
}
