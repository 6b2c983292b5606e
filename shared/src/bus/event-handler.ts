import type { z } from 'zod';
import { decodeEvent, type EventDefinition, type PayloadOf } from '../events/define-event';
import type { HandlerOutcome, MessageHandler, ReceivedMessage } from '../ports/event-bus.port';

/**
 * Wraps a typed handler: the payload is decoded and validated first, and a message that does not decode is
 * rejected (acknowledged and dead-lettered as poison) instead of being retried forever. A handler that throws is
 * retried, so transient failures (a dependency down) need no special code.
 */
export function eventHandler<E extends EventDefinition<string, z.ZodType>>(
  event: E,
  handle: (payload: PayloadOf<E>, message: ReceivedMessage) => Promise<HandlerOutcome>,
): MessageHandler {
  return async (message) => {
    const decoded = decodeEvent(event, message);
    if (!decoded.ok) return { status: 'rejected', reason: decoded.reason };
    return handle(decoded.payload, message);
  };
}

export const done = (): HandlerOutcome => ({ status: 'done' });
export const skipped = (reason: string): HandlerOutcome => ({ status: 'skipped', reason });
export const retry = (reason: string): HandlerOutcome => ({ status: 'retry', reason });
export const rejected = (reason: string): HandlerOutcome => ({ status: 'rejected', reason });
