import { createHash } from 'node:crypto';
import { uploadBackfillRequested } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import type { CheckpointRepository } from '@photo/shared/ports/checkpoint-repository.port';
import type { UploadPipelineConfig } from '../config';
import type { UploadPipelineDeps } from '../deps';
import { missingRenditions } from './regenerate';

export interface BackfillOptions {
  dryRun: boolean;
  /** Queue at most this many uploads in this run (the next run resumes from the checkpoint). */
  limit: number;
  pageSize?: number;
  /** Forget the checkpoint and walk every upload again. */
  restart?: boolean;
  progress?: (line: string) => void;
}

export interface BackfillReport {
  checkpoint: string;
  scanned: number;
  queued: number;
  upToDate: number;
  done: boolean;
}

/** The checkpoint's name: one per size list, so a changed list starts over and the same list resumes. */
type Renditions = { config: Pick<UploadPipelineConfig, 'renditions'> };

export const checkpointName = (deps: Renditions): string =>
  `uploads-backfill:${createHash('sha256')
    .update(deps.config.renditions.map((r) => r.variant).join(','))
    .digest('hex')
    .slice(0, 16)}`;

/**
 * Walks every ready upload by id from the checkpoint and queues (upload.backfill-requested, on its own topic with
 * lower concurrency, so new uploads go first) each one that lacks a derivative of the current size list. The
 * checkpoint is saved after every page, so an interrupted run resumes; `limit` caps the work of one run; a dry
 * run counts without queueing or moving the checkpoint.
 */
export async function planBackfill(
  deps: Pick<UploadPipelineDeps, 'uploads' | 'publisher' | 'clock'> &
    Renditions & { checkpoints: CheckpointRepository },
  options: BackfillOptions,
): Promise<BackfillReport> {
  const name = checkpointName(deps);
  if (options.restart && !options.dryRun) await deps.checkpoints.clear(name);
  const saved = options.restart ? null : await deps.checkpoints.get(name);
  const report: BackfillReport = {
    checkpoint: name,
    scanned: 0,
    queued: 0,
    upToDate: 0,
    done: saved?.done ?? false,
  };
  if (report.done) return report;
  let cursor = saved?.cursor ?? null;
  let processed = saved?.processed ?? 0;
  const say = options.progress ?? (() => undefined);
  while (report.queued < options.limit) {
    const page = await deps.uploads.listByStatus('ready', {
      limit: Math.min(options.pageSize ?? 100, options.limit - report.queued),
      after: cursor,
    });
    for (const intent of page.items) {
      report.scanned++;
      if (missingRenditions(deps, intent.derivatives).length === 0) {
        report.upToDate++;
        continue;
      }
      if (!options.dryRun) {
        await publishEvent(
          deps.publisher,
          uploadBackfillRequested,
          { intentId: intent.intentId },
          'uploads-backfill',
        );
      }
      report.queued++;
    }
    processed += page.items.length;
    cursor = page.next;
    report.done = page.next === null;
    // Saved after every page: an interrupted run resumes here. Once the walk is done it stays done: uploads that
    // arrive later are made with the current size list already.
    if (!options.dryRun) {
      await deps.checkpoints.save({
        name,
        cursor,
        processed,
        done: report.done,
        updatedAt: deps.clock.now(),
      });
    }
    say(
      `${options.dryRun ? 'would queue' : 'queued'} ${report.queued}, up to date ${report.upToDate}, scanned ${report.scanned}`,
    );
    if (report.done) break;
  }
  return report;
}
