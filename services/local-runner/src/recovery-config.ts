import { z } from 'zod';
import { env } from '@photo/shared/config/parse-config';

/** Crash recovery and the store reconciler (see docs/operations.md). */
export const recoveryRunnerEnv = z.object({
  /** How often the runner reconciles the images bucket with the image records; 0 turns the timer off. */
  RECONCILE_INTERVAL_SECONDS: env.int(3600, { min: 0, max: 7 * 24 * 3600 }),
  /** Objects and records younger than this are taken to be mid-write and left alone. */
  RECONCILE_SAFETY_WINDOW_SECONDS: env.int(3600, { min: 60, max: 30 * 24 * 3600 }),
  /**
   * False only reports objects no record refers to, faces whose user is gone and uncatalogued gallery objects; true
   * deletes the first two and announces the third again. Records are only ever reported.
   */
  RECONCILE_REMOVE_ORPHANS: env.bool(true),
});
