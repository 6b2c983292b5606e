import { performance } from 'node:perf_hooks';
import { done, retry, skipped } from '@photo/shared/bus/event-handler';
import {
  intentIdOfKey,
  isTerminal,
  quarantineKey,
  UPLOAD_STEPS,
  type StepRecord,
  type UploadIntent,
  type UploadStep,
} from '@photo/shared/domain/upload';
import { REJECTION_CODES } from '@photo/shared/errors/upload-errors';
import { tempFiles } from '@photo/shared/io/blob-files';
import type { HandlerOutcome, ReceivedMessage } from '@photo/shared/ports/event-bus.port';
import type { UploadPipelineDeps } from '../deps';
import { announce, moveTo } from './intent-status';
import { removeDerivatives, sourceOf, STEPS, type Rejection, type StepContext } from './steps';

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * A finished upload, from its storage notification to `ready`: verify → metadata → derivatives → handoff → record.
 * Each step's start, end, duration and attempts are recorded on the intent, and a step done is never redone, so a
 * worker killed between steps resumes where it stopped on the next delivery. A file the pipeline refuses is
 * quarantined and the intent `rejected`; a failure is retried with the bus's backoff, and on the last attempt the
 * intent is `failed` and the partial derivatives removed (the message is then dead-lettered, for an operator).
 */
export async function processUpload(
  deps: UploadPipelineDeps,
  objectName: string,
  message: ReceivedMessage,
): Promise<HandlerOutcome> {
  // Derivatives are written under derived/uploads/, so this never sees them; anything else outside uploads/ is
  // not ours either.
  const intentId = intentIdOfKey(objectName);
  if (!intentId) return skipped(`${objectName} is not an upload`);
  const found = await deps.uploads.get(intentId);
  if (!found) return skipped(`no upload intent for ${objectName}: the sweeper removes it`);
  if (isTerminal(found.status)) {
    await announce(deps, found);
    return skipped(`upload ${intentId} is already ${found.status}`);
  }
  if (found.status === 'pending') await moveTo(deps, intentId, 'uploaded');
  let intent = await moveTo(deps, intentId, 'processing');
  if (!intent || intent.status !== 'processing') return skipped(`upload ${intentId} is ${intent?.status}`);

  const files = await tempFiles(deps.config.tmpDir);
  const ctx: StepContext = { deps, intent, files, source: sourceOf(deps, () => ctx.intent, files) };
  try {
    for (const step of UPLOAD_STEPS) {
      const recorded = intent.steps[step];
      if (recorded?.status === 'done') continue;
      // Another delivery of the same upload (a duplicate, or a redelivery past the ack deadline) is in this step:
      // come back later rather than run it twice at once. A step whose worker died is taken over after the lease.
      if (recorded?.status === 'running' && leaseHeld(deps, recorded.startedAt)) {
        return retry(`step ${step} of ${intentId} is running in another delivery`);
      }
      const outcome = await runStep(ctx, step);
      if ('rejected' in outcome) {
        await rejectUpload(deps, ctx.intent, outcome.rejected);
        return done();
      }
      intent = ctx.intent = outcome.intent;
    }
    await moveTo(deps, intentId, 'ready');
    return done();
  } catch (err) {
    const reason = messageOf(err);
    deps.logger.warn({ intentId, attempt: message.deliveryAttempt, err }, 'upload pipeline attempt failed');
    if (message.deliveryAttempt >= deps.config.maxDeliveryAttempts) {
      // Derivatives already recorded as variants (after the handoff) stay: the version refers to them.
      if (!ctx.intent.result) await removeDerivatives(deps, intentId);
      await moveTo(deps, intentId, 'failed', { reason: { code: 'UPLOAD.FAILED', message: reason } });
    }
    return retry(reason);
  } finally {
    await files.cleanup();
  }
}

const leaseHeld = (deps: UploadPipelineDeps, startedAt: Date): boolean =>
  deps.clock.now().getTime() - startedAt.getTime() < deps.config.stepLeaseSeconds * 1000;

/** Runs one step and records it: running (attempt n), then done or failed with its duration and any error. */
async function runStep(
  ctx: StepContext,
  step: UploadStep,
): Promise<{ intent: UploadIntent } | { rejected: Rejection }> {
  const { deps } = ctx;
  const intentId = ctx.intent.intentId;
  const startedAt = deps.clock.now();
  const t0 = performance.now();
  const setStep = (record: StepRecord, patch: Partial<UploadIntent> = {}) =>
    deps.uploads.update(intentId, (i) => ({
      ...i,
      ...patch,
      steps: { ...i.steps, [step]: record },
      updatedAt: deps.clock.now(),
    }));
  const attempts = (ctx.intent.steps[step]?.attempts ?? 0) + 1;
  const running: StepRecord = {
    status: 'running',
    startedAt,
    finishedAt: null,
    durationMs: null,
    attempts,
    error: null,
  };
  ctx.intent = (await setStep(running))!;
  const finish = (status: StepRecord['status'], error: string | null): StepRecord => ({
    ...running,
    status,
    finishedAt: deps.clock.now(),
    durationMs: Math.round(performance.now() - t0),
    error,
  });
  let result;
  try {
    result = await STEPS[step](ctx);
  } catch (err) {
    await setStep(finish('failed', messageOf(err))).catch(() => undefined);
    throw err;
  }
  if ('rejected' in result) {
    ctx.intent = (await setStep(finish('failed', result.rejected.message)))!;
    return result;
  }
  const record = finish('done', null);
  deps.logger.info({ intentId, step, durationMs: record.durationMs, attempt: attempts }, 'upload step done');
  return { intent: (await setStep(record, result.patch))! };
}

/**
 * The file is refused: it moves to quarantine/ (for inspection, outside the prefix that triggers the pipeline), no
 * derivative of it remains, nothing was published, and the intent says why. A version conflict is no fault of the
 * file: it is simply removed, and the client asks again with the current version.
 */
async function rejectUpload(
  deps: UploadPipelineDeps,
  intent: UploadIntent,
  reason: Rejection,
): Promise<void> {
  await removeDerivatives(deps, intent.intentId);
  if (reason.code !== REJECTION_CODES.versionConflict) await quarantine(deps, intent);
  await deps.blobs.delete(intent.objectKey);
  await moveTo(deps, intent.intentId, 'rejected', { reason });
}

async function quarantine(deps: UploadPipelineDeps, intent: UploadIntent): Promise<void> {
  const target = quarantineKey(intent.intentId);
  if (await deps.blobs.stat(target)) return;
  const object = await deps.blobs.get(intent.objectKey);
  if (!object) return;
  try {
    await deps.blobs.put(target, object.body, { contentType: object.contentType });
  } catch (err) {
    object.body.destroy();
    if (!(await deps.blobs.stat(target))) throw err;
  }
}
