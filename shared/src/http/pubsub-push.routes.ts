import { Router } from 'express';
import { z } from 'zod';
import type { ServiceCallerVerifier } from '../auth/service-verifier';
import { deadLetterAttributes, matchesFilter } from '../bus/delivery-policy';
import { DEAD_LETTER_TOPIC, SUBSCRIPTIONS, type SubscriptionSpec } from '../events/topology';
import { errors } from '../errors/errors';
import type { EventPublisher, MessageHandler, ReceivedMessage } from '../ports/event-bus.port';
import { parsedJson } from './json-body';
import { requestContext } from './request-context';
import { parse } from './validate';

/** The body Pub/Sub POSTs to a push endpoint. */
export const pushEnvelope = z.object({
  message: z.object({
    data: z.string().default(''),
    attributes: z.record(z.string(), z.string()).default({}),
    messageId: z.string().min(1),
    publishTime: z.string().min(1),
    orderingKey: z.string().optional(),
  }),
  subscription: z.string().min(1),
  deliveryAttempt: z.number().int().positive().optional(),
});

export const PUSH_PATH = '/pubsub/push';

/** `projects/p/subscriptions/name` → `name`. */
const shortName = (subscription: string) => subscription.slice(subscription.lastIndexOf('/') + 1);

/**
 * Pub/Sub push deliveries on Cloud Run, decoded in this one place and handed to the same handlers the embedded bus
 * calls. The push is authenticated by its OIDC token (a Google-signed ID token of the push service account); only
 * explicit configuration turns that check off (the emulator sends no token).
 * A 2xx acknowledges; any other status makes Pub/Sub redeliver with the subscription's backoff, and after the last
 * attempt forward the message to the dead-letter topic. A rejected (poison) message is dead-lettered here, with its
 * reason, and acknowledged. A message the subscription's filter does not match is acknowledged unhandled: Pub/Sub
 * never pushes one, but its emulator does not filter.
 */
export function pubsubPushRoutes(deps: {
  handlers: Record<string, MessageHandler>;
  publisher: EventPublisher;
  pushAuth: ServiceCallerVerifier | null;
  /** The subscriptions the handlers serve: the system's by default. */
  subscriptions?: readonly SubscriptionSpec[];
}): Router {
  const router = Router();
  router.post(PUSH_PATH, async (req, res) => {
    const ctx = requestContext(res);
    if (deps.pushAuth) ctx.caller = await deps.pushAuth.verify(req);
    const envelope = parse(pushEnvelope, parsedJson(req));
    const name = shortName(envelope.subscription);
    const handler = deps.handlers[name];
    const spec = (deps.subscriptions ?? SUBSCRIPTIONS).find((s) => s.name === name);
    if (!handler || !spec)
      throw errors.invalidRequest([{ path: 'subscription', message: `no handler for ${name}` }]);
    const message: ReceivedMessage = {
      messageId: envelope.message.messageId,
      data: Buffer.from(envelope.message.data, 'base64'),
      attributes: envelope.message.attributes,
      orderingKey: envelope.message.orderingKey ?? null,
      publishTime: new Date(envelope.message.publishTime),
      deliveryAttempt: envelope.deliveryAttempt ?? 1,
      subscription: name,
    };
    let outcome;
    try {
      outcome = matchesFilter(spec, message.attributes)
        ? await handler(message)
        : { status: 'skipped' as const, reason: 'filtered out' };
    } catch (err) {
      outcome = { status: 'retry' as const, reason: err instanceof Error ? err.message : String(err) };
    }
    ctx.logger.info(
      { subscription: name, messageId: message.messageId, attempt: message.deliveryAttempt, outcome },
      'push delivery',
    );
    const lastAttempt = message.deliveryAttempt >= spec.maxDeliveryAttempts;
    if (outcome.status === 'done' || outcome.status === 'skipped') return void res.status(204).end();
    // Pub/Sub only sees the status: it redelivers after the subscription's backoff. Dead-lettering a dead letter
    // would loop: its subscription retries (without limit) instead.
    if (spec.topic === DEAD_LETTER_TOPIC || (outcome.status === 'retry' && !lastAttempt))
      throw errors.deliveryRetry(outcome.reason);
    // A poison message, or the last attempt: dead-letter it here, with its reason (Pub/Sub's own forwarding, the
    // safety net for crashes and timeouts, carries none), and acknowledge.
    await deps.publisher.publish(DEAD_LETTER_TOPIC, {
      data: message.data,
      attributes: {
        ...message.attributes,
        ...deadLetterAttributes({
          spec,
          messageId: message.messageId,
          topic: spec.topic,
          attempts: message.deliveryAttempt,
          kind: outcome.status === 'rejected' ? 'rejected' : 'exhausted',
          reason: outcome.reason,
          orderingKey: message.orderingKey,
        }),
      },
    });
    res.status(204).end();
  });
  return router;
}
