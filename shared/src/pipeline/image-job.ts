import type { Image } from '../domain/image';
import type { ImageRepository } from '../ports/image-repository.port';
import type { Clock } from '../ports/common';
import type { HandlerOutcome, ReceivedMessage } from '../ports/event-bus.port';

export interface JobContext {
  images: ImageRepository;
  clock: Clock;
  /** The subscription's delivery attempts: on the last one a failure is final and shows on the image. */
  maxDeliveryAttempts: number;
}

/**
 * Runs one pipeline job on an image version and keeps its status honest: a poison message (rejected) marks the
 * version failed with the reason at once; a transient failure is retried, and marks it failed only when the last
 * attempt fails (the message then sits in the dead letters, where an operator can replay it). The source image is
 * never touched, so a failed job loses nothing. The work runs only for an image that exists and whose version is
 * still current; it receives that image.
 */
export async function runImageJob(
  ctx: JobContext,
  target: { imageId: string; version: number },
  message: ReceivedMessage,
  work: (image: Image) => Promise<HandlerOutcome>,
): Promise<HandlerOutcome> {
  const fail = (reason: string) =>
    ctx.images.setStatus({
      imageId: target.imageId,
      version: target.version,
      status: 'failed',
      reason: reason.slice(0, 500),
      at: ctx.clock.now(),
    });
  let outcome: HandlerOutcome;
  try {
    const image = await ctx.images.get(target.imageId);
    // A job for an image that is gone is poison; one for a version since replaced has nothing left to do.
    if (!image) outcome = { status: 'rejected', reason: `image ${target.imageId} does not exist` };
    else if (image.currentVersion > target.version) {
      return { status: 'skipped', reason: `version ${target.version} was superseded` };
    } else outcome = await work(image);
  } catch (err) {
    outcome = { status: 'retry', reason: err instanceof Error ? err.message : String(err) };
  }
  const lastAttempt = message.deliveryAttempt >= ctx.maxDeliveryAttempts;
  if (outcome.status === 'rejected' || (outcome.status === 'retry' && lastAttempt))
    await fail(outcome.reason);
  return outcome;
}
