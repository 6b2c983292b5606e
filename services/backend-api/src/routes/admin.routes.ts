import type { Router } from 'express';
import { z } from 'zod';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import type { Clock } from '@photo/shared/ports/common';
import type { DeadLetter, DeadLetterRepository } from '@photo/shared/ports/dead-letter-repository.port';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { Authenticator } from '../auth/authenticator';
import { replayDeadLetter } from '../use-cases/dead-letters';
import { backendRouter, defineRoute } from '../http/route';
import { deadLetterPageView, replayView, type DeadLetterView } from '../http/response-schemas';
import type { RecordAction } from './audit';
import { deadLetterId, pageQuery } from './schemas';

const toDeadLetterView = (d: DeadLetter): DeadLetterView => {
  const text = d.data.toString('utf8');
  let payload: unknown = null;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = null;
  }
  return {
    id: d.id,
    subscription: d.subscription,
    topic: d.topic,
    messageId: d.messageId,
    attributes: d.attributes,
    payload,
    dataBase64: payload === null ? d.data.toString('base64') : undefined,
    reason: d.reason,
    kind: d.kind,
    attempts: d.attempts,
    deadLetteredAt: d.deadLetteredAt.toISOString(),
    replayedAt: d.replayedAt?.toISOString() ?? null,
  };
};

const listDeadLetters = defineRoute({
  method: 'get',
  path: '/admin/dead-letters',
  operationId: 'listDeadLetters',
  tags: ['Admin'],
  summary: 'Messages the event bus gave up on, newest first, with their reasons',
  access: { permission: PERMISSIONS.busAdmin },
  request: { query: pageQuery },
  responses: { 200: { description: 'A page.', body: deadLetterPageView } },
  errors: [errors.invalidCursor],
});

const replayDeadLetterRoute = defineRoute({
  method: 'post',
  path: '/admin/dead-letters/{id}/replay',
  operationId: 'replayDeadLetter',
  tags: ['Admin'],
  summary: 'Publish a dead letter to its topic again',
  description:
    'Every subscription of the topic receives it once more; handlers are idempotent, so only the one that had failed does any work. The letter is kept, with `replayedAt` set.',
  access: { permission: PERMISSIONS.busAdmin },
  request: { params: z.object({ id: deadLetterId }) },
  responses: { 202: { description: 'Published again.', body: replayView } },
  errors: [errors.deadLetterNotFound],
});

export const adminContracts = [listDeadLetters, replayDeadLetterRoute];

/** Operators: messages the bus gave up on, with their reasons, and a replay. */
export function adminRoutes(deps: {
  auth: Authenticator;
  deadLetters: DeadLetterRepository;
  publisher: EventPublisher;
  clock: Clock;
  record: RecordAction;
}): Router {
  return backendRouter(deps, (route) => {
    route(listDeadLetters, async ({ query }) => {
      const page = await deps.deadLetters.list({ limit: query.limit, after: query.after ?? null });
      return { status: 200, body: { items: page.items.map(toDeadLetterView), next: page.next } };
    });

    route(replayDeadLetterRoute, async ({ params: { id }, res }) => {
      const { letter, messageId } = await replayDeadLetter(deps, id);
      await deps.record(res, 'dead-letter.replayed', id, { topic: letter.topic, messageId });
      return { status: 202, body: { replayed: id, topic: letter.topic, messageId } };
    });
  });
}
