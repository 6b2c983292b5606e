import type { Delivery, FinalState } from '@photo/shared/ports/delivery-repository.port';
import type { NotificationWorkerDeps } from '../deps';
import { retryDelayMs } from '../policy/delivery-plan';
import { planDigest } from './plan-digest';
import { sendDelivery } from './send-delivery';
import type { Settlement } from './settlement';

export type DispatchReport = Record<FinalState | 'retried' | 'lost', number>;

/**
 * Processes the deliveries that are due: claims a batch (a claim is what stops two dispatchers from sending one
 * delivery twice), plans digests and sends channel deliveries, and settles each. A transient failure is retried
 * after a backoff; after `maxAttempts` it is recorded as failed with its reason (and logged as an error). Stops when
 * nothing is due or after `maxItems`. Embedded: a timer in the local runner calls it; cloud: Cloud Scheduler calls
 * POST /tasks/dispatch every minute.
 */
export async function dispatchDue(
  deps: NotificationWorkerDeps,
  options: { maxItems?: number } = {},
): Promise<DispatchReport> {
  const report: DispatchReport = { sent: 0, skipped: 0, cancelled: 0, failed: 0, retried: 0, lost: 0 };
  const maxItems = options.maxItems ?? 1000;
  let seen = 0;
  while (seen < maxItems) {
    const batch = await deps.deliveries.claimDue(
      deps.clock.now(),
      Math.min(deps.policy.batchSize, maxItems - seen),
      deps.policy.leaseMs,
    );
    if (batch.length === 0) break;
    seen += batch.length;
    await Promise.all(batch.map(async (delivery) => void (report[await processOne(deps, delivery)] += 1)));
  }
  return report;
}

async function processOne(deps: NotificationWorkerDeps, delivery: Delivery): Promise<keyof DispatchReport> {
  let settlement: Settlement;
  try {
    settlement =
      delivery.channel === 'digest' ? await planDigest(deps, delivery) : await sendDelivery(deps, delivery);
  } catch (err) {
    settlement = { state: 'retry', reason: err instanceof Error ? err.message : String(err) };
  }
  const now = deps.clock.now();
  const log = { deliveryId: delivery.id, attempt: delivery.attempts, reason: settlement.reason };
  let settled: boolean;
  let counted: keyof DispatchReport;
  if (settlement.state === 'retry' && delivery.attempts < deps.policy.maxAttempts) {
    const dueAt = new Date(now.getTime() + retryDelayMs(delivery.attempts, deps.policy.backoff));
    settled = await deps.deliveries.retryAt(delivery.id, delivery.attempts, dueAt, settlement.reason, now);
    deps.logger.warn({ ...log, dueAt }, 'notification delivery failed: will retry');
    counted = 'retried';
  } else {
    const state: FinalState = settlement.state === 'retry' ? 'failed' : settlement.state;
    const reason =
      settlement.state === 'retry'
        ? `gave up after ${delivery.attempts} attempts: ${settlement.reason}`
        : settlement.reason;
    settled = await deps.deliveries.settle(delivery.id, delivery.attempts, state, reason, now);
    if (state === 'failed') deps.logger.error({ ...log, reason }, 'notification delivery failed for good');
    counted = state;
  }
  // A claim taken over (this dispatcher outlived its lease) settles nothing: the other dispatcher owns it now.
  return settled ? counted : 'lost';
}
