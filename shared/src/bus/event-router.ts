import { EVENT_ATTRIBUTE } from '../events/define-event';
import type { MessageHandler } from '../ports/event-bus.port';
import { rejected } from './event-handler';

/**
 * One subscription carrying several events (a topic routed by source): hands each message to the handler of its
 * `event` attribute. A message naming no event, or one this subscriber has no handler for, is poison: rejected.
 */
export function eventRouter(handlers: Record<string, MessageHandler>): MessageHandler {
  return async (message) => {
    const name = message.attributes[EVENT_ATTRIBUTE];
    const handler = name === undefined ? undefined : handlers[name];
    if (!handler) return rejected(`no handler for event ${name ?? '(none)'} on ${message.subscription}`);
    return handler(message);
  };
}
