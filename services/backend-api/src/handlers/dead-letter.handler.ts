import { DEAD_LETTER } from '@photo/shared/bus/delivery-policy';
import { done, skipped } from '@photo/shared/bus/event-handler';
import { newDeadLetterId } from '@photo/shared/domain/ids';
import { SUBSCRIPTIONS } from '@photo/shared/events/topology';
import type { Clock } from '@photo/shared/ports/common';
import type { DeadLetterRepository } from '@photo/shared/ports/dead-letter-repository.port';
import type { MessageHandler } from '@photo/shared/ports/event-bus.port';

const PUBSUB_SOURCE_SUBSCRIPTION = 'CloudPubSubDeadLetterSourceSubscription';
const PUBSUB_DELIVERY_COUNT = 'CloudPubSubDeadLetterSourceDeliveryCount';

/** Keeps every dead-lettered message with its reason, for operators to read and replay. */
export function deadLetterHandler(deps: { deadLetters: DeadLetterRepository; clock: Clock }): MessageHandler {
  return async (message) => {
    const a = message.attributes;
    // Dead-lettered by us (with the reason), or forwarded by Pub/Sub itself after the last attempt (crash, timeout).
    const forwarded = a[PUBSUB_SOURCE_SUBSCRIPTION]?.split('/').pop();
    const subscription = a[DEAD_LETTER.subscription] ?? forwarded;
    const messageId = a[DEAD_LETTER.messageId] ?? (forwarded ? message.messageId : undefined);
    if (!subscription || !messageId) return skipped('not a dead letter: source attributes missing');
    const source = SUBSCRIPTIONS.find((s) => s.name === subscription);
    const original = Object.fromEntries(
      Object.entries(a).filter(
        ([k]) => !k.startsWith('deadLetter.') && !k.startsWith('CloudPubSubDeadLetter'),
      ),
    );
    await deps.deadLetters.record({
      id: newDeadLetterId(),
      subscription,
      topic: a[DEAD_LETTER.topic] ?? source?.topic ?? 'unknown',
      messageId,
      data: message.data,
      attributes: original,
      orderingKey: a[DEAD_LETTER.orderingKey] ?? null,
      reason:
        a[DEAD_LETTER.reason] ??
        'no acknowledgement after the last delivery attempt (crash or ack deadline); see the subscriber logs',
      attempts: Number(a[DEAD_LETTER.attempts] ?? a[PUBSUB_DELIVERY_COUNT] ?? message.deliveryAttempt),
      kind: a[DEAD_LETTER.kind] === 'rejected' ? 'rejected' : 'exhausted',
      deadLetteredAt: deps.clock.now(),
      replayedAt: null,
    });
    return done();
  };
}
