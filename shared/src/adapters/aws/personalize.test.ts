import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeAwsClientConfig,
  sigV4Pattern,
  startFakeAws,
  type AwsCall,
  type AwsReply,
} from '../../testing/fake-aws-server';
import { PersonalizeRecommender } from './recommender.personalize';

describe('Personalize recommender against a loopback server speaking restJson1', () => {
  let reply: (call: AwsCall) => AwsReply = () => ({ body: {} });
  let fake: Awaited<ReturnType<typeof startFakeAws>>;
  let recommender: PersonalizeRecommender;
  let clients: { destroy(): void }[];

  beforeAll(async () => {
    fake = await startFakeAws((call) => reply(call));
    const runtime = new PersonalizeRuntimeClient(fakeAwsClientConfig(fake.endpoint));
    const events = new PersonalizeEventsClient(fakeAwsClientConfig(fake.endpoint));
    clients = [runtime, events];
    recommender = new PersonalizeRecommender(runtime, events, {
      campaignArn: 'arn:aws:personalize:eu-west-1:123456789012:campaign/gallery',
      trackingId: 'tracking-1',
      usersDatasetArn: 'arn:aws:personalize:eu-west-1:123456789012:dataset/gallery/USERS',
      itemsDatasetArn: 'arn:aws:personalize:eu-west-1:123456789012:dataset/gallery/ITEMS',
      excludeFilterArn: 'arn:aws:personalize:eu-west-1:123456789012:filter/exclude-items',
    });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await fake.close();
  });

  const last = () => fake.calls.at(-1)!;

  it('when recommendations are asked for, then GetRecommendations is signed and carries the expression and the exclusions', async () => {
    reply = () => ({
      body: {
        itemList: [{ itemId: 'img_b' }, { itemId: 'img_own' }, { itemId: 'img_c' }],
        recommendationId: 'r-1',
      },
    });
    const items = await recommender.recommend({
      userId: 'gu_a',
      expression: 'happy',
      exclude: ['img_own', 'img_liked'],
      limit: 2,
    });
    expect(last().operation).toBe('POST /recommendations');
    expect(last().headers.authorization).toMatch(sigV4Pattern('personalize'));
    expect(last().body).toEqual({
      campaignArn: 'arn:aws:personalize:eu-west-1:123456789012:campaign/gallery',
      userId: 'gu_a',
      numResults: 2,
      context: { EXPRESSION: 'happy' },
      filterArn: 'arn:aws:personalize:eu-west-1:123456789012:filter/exclude-items',
      filterValues: { EXCLUDED_ITEMS: '"img_own","img_liked"' },
    });
    // Whatever the filter lets through, an excluded item never comes back.
    expect(items).toEqual(['img_b', 'img_c']);
  });

  it('when more items are excluded than a filter takes, then 100 go in the filter and the rest are dropped from a longer answer', async () => {
    reply = () => ({ body: { itemList: [] } });
    const exclude = Array.from({ length: 130 }, (_, i) => `img_${i}`);
    await recommender.recommend({ userId: 'gu_a', expression: null, exclude, limit: 10 });
    expect((last().body.filterValues as { EXCLUDED_ITEMS: string }).EXCLUDED_ITEMS.split(',')).toHaveLength(
      100,
    );
    expect(last().body.numResults).toBe(40);
    expect(last().body.context).toBeUndefined();
  });

  it('when a like is recorded, then PutEvents sends a like event with a stable id and the expression', async () => {
    reply = () => ({ body: {} });
    const at = new Date('2026-03-01T10:00:00.000Z');
    await recommender.putEvent({ userId: 'gu_a', itemId: 'img_b', type: 'like', expression: 'sad', at });
    expect(last().operation).toBe('POST /events');
    expect(last().headers.authorization).toMatch(sigV4Pattern('personalize'));
    const body = last().body as {
      trackingId: string;
      userId: string;
      sessionId: string;
      eventList: Record<string, unknown>[];
    };
    expect(body).toMatchObject({ trackingId: 'tracking-1', userId: 'gu_a', sessionId: 'gu_a' });
    expect(body.eventList[0]).toMatchObject({
      eventType: 'like',
      itemId: 'img_b',
      sentAt: at.getTime() / 1000,
      properties: '{"expression":"sad"}',
    });
    const firstId = body.eventList[0]!.eventId;
    await recommender.putEvent({ userId: 'gu_a', itemId: 'img_b', type: 'like', expression: 'sad', at });
    expect((last().body as typeof body).eventList[0]!.eventId).toBe(firstId);
  });

  it('when users and items are registered, then PutUsers and PutItems (10 a call) reach their datasets', async () => {
    reply = () => ({ body: {} });
    const before = fake.calls.length;
    await recommender.putUser({ userId: 'gu_a', expression: 'surprised' });
    const items = Array.from({ length: 12 }, (_, i) => ({
      itemId: `img_${i}`,
      createdAt: new Date(1_700_000_000_000),
      ownerUserId: null,
    }));
    await recommender.putItems(items);
    const calls = fake.calls.slice(before);
    expect(calls.map((c) => c.operation)).toEqual(['POST /users', 'POST /items', 'POST /items']);
    expect(calls[0]!.body).toEqual({
      datasetArn: 'arn:aws:personalize:eu-west-1:123456789012:dataset/gallery/USERS',
      users: [{ userId: 'gu_a', properties: '{"expression":"surprised"}' }],
    });
    expect((calls[1]!.body.items as unknown[]).length).toBe(10);
    expect((calls[2]!.body.items as unknown[])[0]).toEqual({
      itemId: 'img_10',
      properties: '{"creationTimestamp":1700000000,"ownerUserId":"none"}',
    });
    for (const call of calls) expect(call.headers.authorization).toMatch(sigV4Pattern('personalize'));
  });

  it('when Personalize fails, then the recommender answers DEPENDENCY.FAILED', async () => {
    reply = () => ({ status: 500, errorType: 'InternalServerError', body: {} });
    await expect(
      recommender.recommend({ userId: 'gu_a', expression: null, exclude: [], limit: 5 }),
    ).rejects.toMatchObject({
      code: 'DEPENDENCY.FAILED',
    });
  });
});
