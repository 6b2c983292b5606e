import { afterEach, describe, expect, it } from 'vitest';
import { newImageId, newVisitorId } from '@photo/shared/domain/ids';
import type { OutgoingMessage, ReceivedMessage } from '@photo/shared/ports/event-bus.port';
import { likeCreatedOutbox, likeRemovedOutbox } from '@photo/shared/events/like-outbox';
import { TestClock, workerOverSqlite } from '../../test/worker-over-sqlite';
import { likeActivityHandler } from './like-activity.handler';

const received = (message: OutgoingMessage, attempt = 1): ReceivedMessage => ({
  messageId: `m${Math.random()}`,
  data: message.data,
  attributes: message.attributes,
  orderingKey: null,
  publishTime: new Date(),
  deliveryAttempt: attempt,
  subscription: 'notification-worker.activity',
});

describe('likeActivityHandler (notification-worker.activity)', () => {
  const clock = new TestClock(Date.parse('2025-06-01T10:00:00Z'));
  const w = workerOverSqlite(clock, { DIGEST_WINDOW_SECONDS: '60' });
  const handler = likeActivityHandler(w.deps);
  afterEach(() => undefined);

  const likeOf = async (owner: string | null, liker = newVisitorId(), imageId = newImageId()) =>
    w.likes.like({ imageId, likerVisitorId: liker, ownerVisitorId: owner, now: clock.now() });

  it('when like.created arrives (twice), then one digest is scheduled at the end of the window', async () => {
    const result = await likeOf(newVisitorId());
    const message = received(likeCreatedOutbox(result.like, result.like.ownerVisitorId).message);
    expect(await handler(message)).toEqual({ status: 'done' });
    expect(await handler(message)).toEqual({ status: 'skipped', reason: 'digest already scheduled' });
    const [digest, ...rest] = await w.deps.deliveries.listForNotification(result.like.notificationId!);
    expect(rest).toEqual([]);
    expect(digest).toMatchObject({
      channel: 'digest',
      state: 'pending',
      dueAt: new Date(clock.now().getTime() + 60_000),
    });
  });

  it('when a self-like arrives, then it is skipped: nobody to notify', async () => {
    const owner = newVisitorId();
    const result = await likeOf(owner, owner);
    expect(await handler(received(likeCreatedOutbox(result.like, null).message))).toMatchObject({
      status: 'skipped',
    });
  });

  it('when the last like is withdrawn, then the pending digest is cancelled; a like.created arriving after that schedules nothing', async () => {
    const result = await likeOf(newVisitorId());
    const created = received(likeCreatedOutbox(result.like, result.like.ownerVisitorId).message);
    await handler(created);
    await w.likes.unlike({
      imageId: result.like.imageId,
      likerVisitorId: result.like.likerVisitorId,
      now: clock.now(),
    });
    const removed = received(
      likeRemovedOutbox(result.like, result.like.ownerVisitorId, true, clock.now()).message,
    );
    expect(await handler(removed)).toEqual({ status: 'done' });
    const [digest] = await w.deps.deliveries.listForNotification(result.like.notificationId!);
    expect(digest).toMatchObject({ state: 'cancelled', lastError: 'every like was withdrawn' });
    expect(await handler(created)).toMatchObject({
      status: 'skipped',
      reason: 'the notification was removed (every like withdrawn)',
    });
  });

  it('when a poison message arrives (unknown event, wrong version, bad payload, not JSON), then it is rejected, not retried', async () => {
    const result = await likeOf(newVisitorId());
    const good = likeCreatedOutbox(result.like, result.like.ownerVisitorId).message;
    const poison: OutgoingMessage[] = [
      { data: good.data, attributes: { ...good.attributes, event: 'like.exploded' } },
      { data: good.data, attributes: { ...good.attributes, version: '9' } },
      { data: Buffer.from(JSON.stringify({ imageId: 'nope' })), attributes: good.attributes },
      { data: Buffer.from('{not json'), attributes: good.attributes },
      { data: good.data, attributes: {} },
    ];
    for (const message of poison) expect((await handler(received(message))).status).toBe('rejected');
  });
});
