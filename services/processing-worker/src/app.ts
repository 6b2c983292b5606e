import type { Express } from 'express';
import { createWorkerApp, type WorkerAppOptions } from '@photo/shared/http/worker-app';
import type { AutomationRepository } from '@photo/shared/ports/automation-repository.port';
import { autoLooksHandler } from './handlers/auto-looks.handler';
import { recolourLookHandler, type ProcessingDeps } from './handlers/recolour-look.handler';

export const SUBSCRIPTION = 'processing-worker.processing-requested';
/** The automation rule: a clustered participant photo gets a look when the event says so. */
export const AUTOMATION_SUBSCRIPTION = 'processing-worker.image-clustered';

/** The processing worker (the seed's 画像処理サーバー): participants' photos recoloured onto chosen palettes. */
export function createProcessingWorkerApp(
  deps: ProcessingDeps & { automation: AutomationRepository },
  options: Omit<WorkerAppOptions, 'handlers' | 'publisher'>,
): Express {
  return createWorkerApp({
    ...options,
    publisher: deps.publisher,
    handlers: {
      [SUBSCRIPTION]: recolourLookHandler(deps),
      [AUTOMATION_SUBSCRIPTION]: autoLooksHandler(deps),
    },
  });
}
