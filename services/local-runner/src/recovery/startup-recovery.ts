import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sweepBucketLitter, type BucketLitter } from '@photo/shared/adapters/fs/bucket-litter.fs';
import type { ReclaimedLeases } from '@photo/shared/adapters/sqlite/event-bus.sqlite';
import type { Logger } from '@photo/shared/http/logger';

export interface StartupRecovery {
  /** Scratch and spool files of earlier runs removed from DATA_DIR/tmp. */
  scratchFiles: number;
  scratchBytes: number;
  bucket: BucketLitter | null;
  /** Deliveries an earlier run held when it died, due again now (per subscription). */
  reclaimedLeases: ReclaimedLeases;
  ms: number;
}

/**
 * What the runner does before it serves anything, once it holds the data directory: everything in DATA_DIR/tmp
 * belongs to a run that is over (only the lock holder writes there), half-written bucket objects are removed, and the
 * bus leases of the dead run are taken back. One log line says what was found.
 */
export async function recoverDataDir(input: {
  dataDir: string;
  /** The embedded bucket's root and bus; absent in cloud mode. */
  bucketRoot: string | null;
  reclaimLeases: (() => ReclaimedLeases) | null;
  logger: Logger;
}): Promise<StartupRecovery> {
  const started = Date.now();
  const scratch = await clearDirectory(join(input.dataDir, 'tmp'));
  const report: StartupRecovery = {
    scratchFiles: scratch.files,
    scratchBytes: scratch.bytes,
    bucket: input.bucketRoot ? await sweepBucketLitter(input.bucketRoot, new Date()) : null,
    reclaimedLeases: input.reclaimLeases?.() ?? {},
    ms: Date.now() - started,
  };
  input.logger.info({ recovery: report }, 'start-up recovery');
  return report;
}

/** Removes what a directory holds (files and folders below it), keeping the directory; counts files and bytes. */
export async function clearDirectory(dir: string): Promise<{ files: number; bytes: number }> {
  const found = { files: 0, bytes: 0 };
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return found;
    throw err;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    found.files++;
    found.bytes += (await stat(join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  for (const entry of await readdir(dir)) await rm(join(dir, entry), { recursive: true, force: true });
  return found;
}
