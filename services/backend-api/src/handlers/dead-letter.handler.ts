import { DEAD_LETTER } from '@photo/shared/bus/delivery-policy';
import { done, skipped } from '@photo/shared/bus/event-handler';
import { newDeadLetterId } from '@photo/shared/domain/ids';
import type { Clock } from '@photo/shared/ports/common';
import type { DeadLetterRepository } from '@photo/shared/ports/dead-letter-repository.port';
import type { MessageHandler } from '@photo/shared/ports/event-bus.port';

/** Keeps every dead-lettered message with its reason, for operators to read and replay. */
export function deadLetterHandler(deps: { deadLetters: DeadLetterRepository; clock: Clock }): MessageHandler {
  return async (message) => {
    const a = message.attributes;
    const subscription = a[DEAD_LETTER.subscription];
    const messageId = a[DEAD_LETTER.messageId];
    if (!subscription || !messageId) return skipped('not a dead letter: source attributes missing');
    const original = Object.fromEntries(Object.entries(a).filter(([k]) => !k.startsWith('deadLetter.')));
    await deps.deadLetters.record({
      id: newDeadLetterId(),
      subscription,
      topic: a[DEAD_LETTER.topic] ?? 'unknown',
      messageId,
      data: message.data,
      attributes: original,
      orderingKey: a[DEAD_LETTER.orderingKey] ?? null,
      reason: a[DEAD_LETTER.reason] ?? 'unknown',
      attempts: Number(a[DEAD_LETTER.attempts] ?? message.deliveryAttempt),
      kind: a[DEAD_LETTER.kind] === 'rejected' ? 'rejected' : 'exhausted',
      deadLetteredAt: deps.clock.now(),
      replayedAt: null,
    });
    return done();
  };
}
