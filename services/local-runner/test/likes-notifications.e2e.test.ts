import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startHarness, type Harness } from './harness';
import {
  deliveriesSettled,
  inbox,
  like,
  participantWithLook,
  pushesTo,
  smsBodies,
  startChannels,
  subscribe,
  type Channels,
} from './notifications-support';
import { createParticipant, expectError, json, type CreatedParticipant } from './support';

/** Reads an SSE response until `event: <name>` arrives; answers its data. */
async function nextEvent(res: Response, name: string): Promise<Record<string, unknown>> {
  const reader = res.body!.getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${name}`);
    text += Buffer.from(value).toString('utf8');
    const match = new RegExp(`event: ${name}\\ndata: (.*)\\n`).exec(text);
    if (match) {
      await reader.cancel();
      return JSON.parse(match[1]!) as Record<string, unknown>;
    }
  }
}

describe.each(MODES)('likes → outbox → relay → bus → notification worker → channels (%s)', (mode) => {
  let h: Harness;
  let channels: Channels;
  let aiko: CreatedParticipant & { lookImageId: string };
  let likers: CreatedParticipant[];
  let phone: Awaited<ReturnType<typeof subscribe>>;

  beforeAll(async () => {
    channels = await startChannels();
    h = await startHarness({ env: channels.env, mode });
    aiko = await participantWithLook(h, 'Aiko');
    const operator = await h.token('operator');
    likers = [
      await createParticipant(h, operator, 'Ben'),
      await createParticipant(h, operator, 'Chika'),
      await createParticipant(h, operator, 'Daichi'),
    ];
    const prefs = await h.api('/me/notification-preferences', {
      method: 'PUT',
      token: aiko.participantToken,
      ...json({
        channels: { push: true, email: true, sms: true },
        email: 'aiko@example.com',
        phone: '+819012345678',
        quietHours: null,
        timeZone: 'Asia/Tokyo',
      }),
    });
    expect(prefs.status).toBe(200);
    phone = await subscribe(h, channels, aiko.participantToken, '/push/aiko-phone');
  });
  afterAll(async () => {
    await h.stop();
    await channels.stop();
  });

  it('when Ben likes Aiko\'s look, then Aiko\'s inbox, stream, phone, mailbox and SMS all say "Ben liked your look"', async () => {
    const stream = await h.api('/me/updates/stream', { token: aiko.participantToken });
    expect(stream.status).toBe(200);
    const liked = await like(h, likers[0]!.participantToken, aiko.lookImageId);
    expect(liked.status).toBe(201);

    const event = await nextEvent(stream, 'notification');
    expect(event).toMatchObject({
      imageId: aiko.lookImageId,
      text: 'Ben liked your look',
      actorCount: 1,
      read: false,
    });
    const [item, ...rest] = await inbox(h, aiko.participantToken);
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      notificationId: event.notificationId,
      text: 'Ben liked your look',
      deepLink: `eventphoto://images/${aiko.lookImageId}`,
      read: false,
    });
    expect(item!.actors).toEqual([{ visitorId: likers[0]!.participant.visitorId, displayName: 'Ben' }]);
    expect((await fetch(item!.thumbnail!.url)).status).toBe(200);
    expect(
      await (await h.api('/me/notifications/unread-count', { token: aiko.participantToken })).json(),
    ).toEqual({ unread: 1 });

    const settled = await deliveriesSettled(h, item!.notificationId);
    expect(Object.fromEntries(Object.entries(settled).map(([c, d]) => [c, d.state]))).toEqual({
      digest: 'sent',
      push: 'sent',
      email: 'sent',
      sms: 'sent',
    });
    const [pushed] = pushesTo(channels, phone);
    expect(pushed).toMatchObject({
      title: 'Ben liked your look',
      url: item!.deepLink,
      notificationId: item!.notificationId,
    });
    const request = channels.push.requests.at(-1)!;
    expect(request.headers.authorization).toMatch(/^vapid t=.+, k=.+$/);
    expect(request.headers.ttl).toBe('86400');
    const [mail] = channels.smtp.received;
    expect(mail).toMatchObject({ to: ['aiko@example.com'], subject: 'Ben liked your look' });
    expect(mail!.raw).toContain(item!.deepLink);
    expect(smsBodies(channels)).toEqual([
      { To: '+819012345678', From: '+15005550006', Body: `Ben liked your look: ${item!.deepLink}` },
    ]);
  });

  it("when Ben likes again, Aiko likes her own look, or Ben likes Aiko's photo, then nothing new reaches Aiko", async () => {
    expect((await like(h, likers[0]!.participantToken, aiko.lookImageId)).status).toBe(200);
    expect((await like(h, aiko.participantToken, aiko.lookImageId)).status).toBe(201);
    await expectError(
      await like(h, likers[0]!.participantToken, aiko.participant.photoImageId),
      404,
      'IMAGE.NOT_FOUND',
    );
    await h.settle();
    expect(await inbox(h, aiko.participantToken)).toHaveLength(1);
  });

  it('when three people like within the digest window, then one notification "X and 2 others" goes out once per channel', async () => {
    await h.api(`/likes/${aiko.lookImageId}`, { method: 'DELETE', token: likers[0]!.participantToken });
    await h.settle();
    const before = {
      push: pushesTo(channels, phone).length,
      mail: channels.smtp.received.length,
      sms: channels.sms.requests.length,
    };
    for (const liker of likers)
      expect((await like(h, liker.participantToken, aiko.lookImageId)).status).toBe(201);

    const [opened] = await inbox(h, aiko.participantToken);
    // Likes a moment apart join without writing the notification; the digest counts them when it closes the group.
    const settled = await deliveriesSettled(h, opened!.notificationId);
    const [item] = await inbox(h, aiko.participantToken);
    expect(item).toMatchObject({ text: 'Daichi and 2 others liked your look', actorCount: 3 });
    expect(item!.actors.map((a) => a.displayName)).toEqual(['Daichi', 'Chika', 'Ben']);
    expect([settled.push?.state, settled.email?.state, settled.sms?.state]).toEqual(['sent', 'sent', 'sent']);
    expect(pushesTo(channels, phone).slice(before.push)).toEqual([
      expect.objectContaining({ title: 'Daichi and 2 others liked your look', actorCount: 3 }),
    ]);
    expect(channels.smtp.received.slice(before.mail).map((m) => m.subject)).toEqual([
      'Daichi and 2 others liked your look',
    ]);
    expect(
      smsBodies(channels)
        .slice(before.sms)
        .map((s) => s.Body),
    ).toEqual([`Daichi and 2 others liked your look: ${item!.deepLink}`]);
  });

  it('when a like is withdrawn inside the digest window, then its notification disappears and nothing goes out', async () => {
    await h.api('/me/notifications/read-all', { method: 'POST', token: aiko.participantToken });
    await h.api(`/likes/${aiko.lookImageId}`, { method: 'DELETE', token: likers[1]!.participantToken });
    await h.settle();
    const before = {
      push: channels.push.requests.length,
      mail: channels.smtp.received.length,
      sms: channels.sms.requests.length,
    };
    expect((await like(h, likers[1]!.participantToken, aiko.lookImageId)).status).toBe(201);
    const [item] = await inbox(h, aiko.participantToken);
    expect(item).toMatchObject({ text: 'Chika liked your look', read: false });
    const unlike = await h.api(`/likes/${aiko.lookImageId}`, {
      method: 'DELETE',
      token: likers[1]!.participantToken,
    });
    expect(unlike.status).toBe(204);
    await h.settle();

    expect((await inbox(h, aiko.participantToken)).map((n) => n.notificationId)).not.toContain(
      item!.notificationId,
    );
    const deliveries = h.system.adapters.deliveries;
    await expect
      .poll(
        async () => (await deliveries.listForNotification(item!.notificationId)).map((d) => d.state).join(),
        { timeout: 10_000 },
      )
      .toMatch(/^(cancelled)?$/);
    await h.system.notifications.dispatchNow();
    expect([
      channels.push.requests.length,
      channels.smtp.received.length,
      channels.sms.requests.length,
    ]).toEqual([before.push, before.mail, before.sms]);
  });

  it('when Aiko reads the notification before the e-mail delay is over, then the push went out but no e-mail does', async () => {
    const mails = channels.smtp.received.length;
    await h.api(`/likes/${aiko.lookImageId}`, { method: 'DELETE', token: likers[2]!.participantToken });
    expect((await like(h, likers[2]!.participantToken, aiko.lookImageId)).status).toBe(201);
    const [item] = await inbox(h, aiko.participantToken);
    await expect
      .poll(() => pushesTo(channels, phone).some((p) => p.notificationId === item!.notificationId), {
        timeout: 10_000,
      })
      .toBe(true);
    const read = await h.api(`/me/notifications/${item!.notificationId}/read`, {
      method: 'POST',
      token: aiko.participantToken,
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ notificationId: item!.notificationId, read: true });

    const settled = await deliveriesSettled(h, item!.notificationId);
    expect(settled.email).toMatchObject({ state: 'skipped', lastError: 'read in the app' });
    expect(channels.smtp.received.length).toBe(mails);
    expect(
      await (await h.api('/me/notifications/unread-count', { token: aiko.participantToken })).json(),
    ).toEqual({ unread: 0 });
  });

  it("when someone else's or an unknown notification is marked read, then 404 NOTIFICATION.NOT_FOUND", async () => {
    const [item] = await inbox(h, aiko.participantToken);
    await expectError(
      await h.api(`/me/notifications/${item!.notificationId}/read`, {
        method: 'POST',
        token: likers[0]!.participantToken,
      }),
      404,
      'NOTIFICATION.NOT_FOUND',
    );
    await expectError(
      await h.api('/me/notifications/ntf_00000000000000000000/read', {
        method: 'POST',
        token: aiko.participantToken,
      }),
      404,
      'NOTIFICATION.NOT_FOUND',
    );
  });

  it('when a like answers, then its activity event is already published: relay latency is inside the request', async () => {
    const eri = await participantWithLook(h, 'Eri');
    const started = performance.now();
    const liked = await like(h, likers[2]!.participantToken, eri.lookImageId);
    const likeMs = performance.now() - started;
    expect(liked.status).toBe(201);

    // Nothing left for a timer: on Cloud Run the instance may get no CPU until its next request.
    expect(await h.system.adapters.outbox.pending(10)).toEqual([]);
    // The measured relay latency is bounded by the like's own round trip (a commit and a publish).
    expect(likeMs).toBeLessThan(2000);
  });
});
