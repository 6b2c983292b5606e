import { errors } from '@photo/shared/errors/errors';
import type { Clock } from '@photo/shared/ports/common';
import type { DeadLetter, DeadLetterRepository } from '@photo/shared/ports/dead-letter-repository.port';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';

export const REPLAY_ATTRIBUTE = 'replayOf';

/**
 * Publishes a dead letter's original message to its topic again. Every subscriber of the topic sees it once more;
 * handlers are idempotent, so only the one that had failed does any work.
 */
export async function replayDeadLetter(
  deps: { deadLetters: DeadLetterRepository; publisher: EventPublisher; clock: Clock },
  id: string,
): Promise<{ letter: DeadLetter; messageId: string }> {
  const letter = await deps.deadLetters.get(id);
  if (!letter) throw errors.deadLetterNotFound(id);
  const message = { data: letter.data, attributes: { ...letter.attributes, [REPLAY_ATTRIBUTE]: letter.id } };
  const messageId = await deps.publisher.publish(
    letter.topic,
    letter.orderingKey ? { ...message, orderingKey: letter.orderingKey } : message,
  );
  await deps.deadLetters.markReplayed(id, deps.clock.now());
  return { letter, messageId };
}
