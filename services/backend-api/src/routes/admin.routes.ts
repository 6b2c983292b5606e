import { Router } from 'express';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { parse } from '@photo/shared/http/validate';
import type { Clock } from '@photo/shared/ports/common';
import type { DeadLetter, DeadLetterRepository } from '@photo/shared/ports/dead-letter-repository.port';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { Authenticator } from '../auth/authenticator';
import { replayDeadLetter } from '../use-cases/dead-letters';
import type { DeadLetterView } from '../http/response-schemas';
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

/** Operators: messages the bus gave up on, with their reasons, and a replay. */
export function adminRoutes(deps: {
  auth: Authenticator;
  deadLetters: DeadLetterRepository;
  publisher: EventPublisher;
  clock: Clock;
  record: RecordAction;
}): Router {
  const router = Router();

  router.get('/admin/dead-letters', async (req, res) => {
    await deps.auth.user(req, res, PERMISSIONS.busAdmin);
    const query = parse(pageQuery, req.query);
    const page = await deps.deadLetters.list({ limit: query.limit, after: query.after ?? null });
    res.json({ items: page.items.map(toDeadLetterView), next: page.next });
  });

  router.post('/admin/dead-letters/:id/replay', async (req, res) => {
    await deps.auth.user(req, res, PERMISSIONS.busAdmin);
    const id = parse(deadLetterId, req.params.id);
    const { letter, messageId } = await replayDeadLetter(deps, id);
    await deps.record(res, 'dead-letter.replayed', id, { topic: letter.topic, messageId });
    res.status(202).json({ replayed: id, topic: letter.topic, messageId });
  });

  return router;
}
