import { intentIdOfKey, UPLOAD_PREFIX, type UploadIntent } from '@photo/shared/domain/upload';
import { REJECTION_CODES } from '@photo/shared/errors/upload-errors';
import type { BlobInfo } from '@photo/shared/ports/blob-store.port';
import type { UploadPipelineDeps } from '../deps';
import { moveTo } from './intent-status';

export interface SweepReport {
  /** Pending intents whose target expired with nothing uploaded: now `expired`. */
  expired: number;
  /** Pending intents whose object did arrive (its notification is late or was lost): announced again. */
  reannounced: number;
  /** Objects under uploads/ with no intent, or whose intent is finished: deleted. */
  orphansDeleted: number;
}

export type SweepDeps = Pick<
  UploadPipelineDeps,
  'uploads' | 'blobs' | 'publisher' | 'clock' | 'logger' | 'config'
> & {
  /**
   * Publishes the object's finalize notification again (embedded, where the upload endpoint publishes it). Absent
   * in the cloud: only Cloud Storage publishes there, and its notification of the object is still on its way.
   */
  reannounce?: (intent: UploadIntent, object: BlobInfo) => Promise<void>;
};

/**
 * Cleans up after uploads that never completed: pending intents past their target's expiry (plus a grace for an
 * upload that began in time) become `expired`; objects under uploads/ that belong to no live intent are deleted.
 * Each call handles at most `maxItems` of each, so it ends quickly; the next call continues. Embedded: a timer in
 * the local runner. Cloud: Cloud Scheduler calls POST /tasks/sweep on the upload pipeline.
 */
export async function sweepUploads(deps: SweepDeps, options: { maxItems: number }): Promise<SweepReport> {
  const report: SweepReport = { expired: 0, reannounced: 0, orphansDeleted: 0 };
  const cutoff = new Date(deps.clock.now().getTime() - deps.config.sweepGraceSeconds * 1000);
  for (const intent of await deps.uploads.listExpiredPending(cutoff, options.maxItems)) {
    const object = await deps.blobs.stat(intent.objectKey);
    if (object) {
      if (deps.reannounce) {
        await deps.reannounce(intent, object);
        report.reannounced++;
      }
      continue;
    }
    const reason = {
      code: REJECTION_CODES.expired,
      message: 'nothing was uploaded before the target expired',
    };
    const moved = await moveTo(deps, intent.intentId, 'expired', { reason });
    if (moved?.status === 'expired') report.expired++;
  }
  for await (const object of deps.blobs.list(UPLOAD_PREFIX)) {
    if (report.orphansDeleted >= options.maxItems) break;
    const intentId = intentIdOfKey(object.key);
    const intent = intentId ? await deps.uploads.get(intentId) : null;
    // An object never exists before its intent (the target is signed after the intent is stored), so no intent
    // means it is not ours. A failed upload keeps its object: an operator may replay its dead letter.
    if (intent && ['pending', 'uploaded', 'processing', 'failed'].includes(intent.status)) continue;
    await deps.blobs.delete(object.key);
    report.orphansDeleted++;
  }
  if (report.expired + report.reannounced + report.orphansDeleted > 0)
    deps.logger.info({ report }, 'upload sweep');
  return report;
}
