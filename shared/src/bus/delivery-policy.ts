import type { SubscriptionSpec } from '../events/topology';

/** Pub/Sub's retry policy: exponential from the minimum backoff, capped at the maximum. */
export function backoffMs(
  spec: Pick<SubscriptionSpec, 'minBackoffSeconds' | 'maxBackoffSeconds'>,
  attempt: number,
): number {
  const seconds = Math.min(spec.maxBackoffSeconds, spec.minBackoffSeconds * 2 ** Math.max(0, attempt - 1));
  return seconds * 1000;
}

/** Seconds between a message's first delivery and its last, if every attempt fails: the sum of its backoffs. */
export function retryWindowSeconds(
  spec: Pick<SubscriptionSpec, 'maxDeliveryAttempts' | 'minBackoffSeconds' | 'maxBackoffSeconds'>,
): number {
  let ms = 0;
  for (let attempt = 1; attempt < spec.maxDeliveryAttempts; attempt++) ms += backoffMs(spec, attempt);
  return ms / 1000;
}

/** Whether a message's attributes match every entry of a subscription filter (Pub/Sub's `attributes.k = "v"`). */
export const matchesFilter = (spec: Pick<SubscriptionSpec, 'filter'>, attributes: Record<string, string>) =>
  Object.entries(spec.filter ?? {}).every(([k, v]) => attributes[k] === v);

/** Attribute names a dead-lettered message carries, beside its original attributes. */
export const DEAD_LETTER = {
  subscription: 'deadLetter.subscription',
  topic: 'deadLetter.topic',
  messageId: 'deadLetter.messageId',
  attempts: 'deadLetter.attempts',
  kind: 'deadLetter.kind',
  reason: 'deadLetter.reason',
  orderingKey: 'deadLetter.orderingKey',
} as const;

export function deadLetterAttributes(input: {
  spec: SubscriptionSpec;
  messageId: string;
  topic: string;
  attempts: number;
  kind: 'exhausted' | 'rejected';
  reason: string;
  orderingKey: string | null;
}): Record<string, string> {
  const attrs: Record<string, string> = {
    [DEAD_LETTER.subscription]: input.spec.name,
    [DEAD_LETTER.topic]: input.topic,
    [DEAD_LETTER.messageId]: input.messageId,
    [DEAD_LETTER.attempts]: String(input.attempts),
    [DEAD_LETTER.kind]: input.kind,
    // Pub/Sub attribute values are limited to 1024 bytes.
    [DEAD_LETTER.reason]: input.reason.slice(0, 1000),
  };
  if (input.orderingKey) attrs[DEAD_LETTER.orderingKey] = input.orderingKey;
  return attrs;
}

/**
 * Whether a lease that ended without a settlement used up a delivery attempt. A lease that ran out while the
 * incarnation (one run of the process) holding it was alive counts, as in Pub/Sub: a handler that always outlives its
 * ack deadline is dead-lettered in the end. A lease held by an earlier incarnation ended because that process died
 * (a crash, a kill, a power cut): the handler never failed, so the attempt is given back.
 */
export function interruptedLeaseCounts(lease: { owner: string | null }, incarnation: string): boolean {
  return lease.owner === incarnation;
}

/** A running handler's lease: when its handler started and its ack deadline, both in milliseconds. */
export interface RunningLease {
  receivedAt: number;
  deadlineMs: number;
}

/**
 * The latest a running handler's lease may be extended to: the maximum extension after the handler started (never less
 * than one ack deadline). Past it the lease runs out, so a handler that hangs is delivered again and counted in the end.
 */
export const leaseExtensionLimit = (lease: RunningLease, maxExtensionMs: number): number =>
  lease.receivedAt + Math.max(lease.deadlineMs, maxExtensionMs);

/** Where an extension moves a running handler's lease: a full ack deadline from now, up to the limit. */
export const extendedLeaseUntil = (lease: RunningLease, maxExtensionMs: number, now: number): number =>
  Math.min(now + lease.deadlineMs, leaseExtensionLimit(lease, maxExtensionMs));
