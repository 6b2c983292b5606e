import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebPushClientKeys } from '@photo/shared/testing/web-push-client';
import { startHarness, type Harness } from './harness';
import { participantWithLook } from './notifications-support';
import { createParticipant, expectError, json, type CreatedParticipant } from './support';

/** The edges of likes, the inbox and notification settings: who may call them and what they refuse. */
describe('likes and notification settings at the HTTP edge', () => {
  let h: Harness;
  let operator: string;
  let mika: CreatedParticipant;
  const keys = new WebPushClientKeys().keys;

  beforeAll(async () => {
    h = await startHarness();
    operator = await h.token('operator');
    mika = await createParticipant(h, operator, 'Mika');
  });
  afterAll(() => h.stop());

  it('when likes are sent without a participant token, then 401 or 403; an unknown image is 404', async () => {
    await expectError(
      await h.api('/likes', { method: 'POST', ...json({ imageId: mika.participant.photoImageId }) }),
      401,
      'AUTH.UNAUTHENTICATED',
    );
    await expectError(
      await h.api('/likes', {
        method: 'POST',
        token: operator,
        ...json({ imageId: mika.participant.photoImageId }),
      }),
      403,
      'AUTH.FORBIDDEN',
    );
    await expectError(
      await h.api('/likes', {
        method: 'POST',
        token: mika.participantToken,
        ...json({ imageId: 'img_00000000000000000000' }),
      }),
      404,
      'IMAGE.NOT_FOUND',
    );
    // Her own photo with no version yet cannot be liked either: nothing to see.
    await expectError(
      await h.api('/likes', {
        method: 'POST',
        token: mika.participantToken,
        ...json({ imageId: mika.participant.photoImageId }),
      }),
      404,
      'IMAGE.NOT_FOUND',
    );
    await expectError(
      await h.api('/likes', {
        method: 'POST',
        token: mika.participantToken,
        ...json({ imageId: 'x', extra: 1 }),
      }),
      400,
      'REQUEST.INVALID',
    );
    expect(
      (await h.api('/likes/img_00000000000000000000', { method: 'DELETE', token: mika.participantToken }))
        .status,
    ).toBe(204);
  });

  it('when a push subscription is not https (or loopback, which this deployment refuses), or its keys are wrong, then 400', async () => {
    for (const endpoint of [
      'http://push.example.com/x',
      'http://127.0.0.1:9/x',
      'ftp://push.example.com/x',
    ]) {
      await expectError(
        await h.api('/me/push-subscriptions', {
          method: 'POST',
          token: mika.participantToken,
          ...json({ endpoint, keys }),
        }),
        400,
        'REQUEST.INVALID',
      );
    }
    const short = { p256dh: keys.p256dh.slice(0, 40), auth: keys.auth };
    await expectError(
      await h.api('/me/push-subscriptions', {
        method: 'POST',
        token: mika.participantToken,
        ...json({ endpoint: 'https://push.example.com/x', keys: short }),
      }),
      400,
      'REQUEST.INVALID',
    );
    const ok = await h.api('/me/push-subscriptions', {
      method: 'POST',
      token: mika.participantToken,
      ...json({ endpoint: 'https://push.example.com/x', keys }),
    });
    expect(ok.status).toBe(201);
    expect(
      await (
        await h.api('/me/push-subscriptions', { method: 'DELETE', token: mika.participantToken })
      ).json(),
    ).toEqual({ removed: 1 });
  });

  it('when preferences are read before any were saved, then the defaults; invalid ones are refused with every issue', async () => {
    const res = await h.api('/me/notification-preferences', { token: mika.participantToken });
    expect(await res.json()).toMatchObject({
      channels: { push: true, email: false, sms: false },
      quietHours: null,
      timeZone: 'UTC',
    });
    const bad = await h.api('/me/notification-preferences', {
      method: 'PUT',
      token: mika.participantToken,
      ...json({
        channels: { push: true, email: true, sms: true },
        email: 'nope',
        phone: '090-1234',
        quietHours: { start: '25:00', end: '07:00' },
        timeZone: 'Mars/Olympus',
      }),
    });
    const error = await expectError(bad, 400, 'REQUEST.INVALID');
    expect((error.details!.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([
      'email',
      'phone',
      'quietHours.start',
      'timeZone',
    ]);
  });

  it('when the inbox is empty or asked with a cursor it did not issue, then an empty page or 400', async () => {
    expect(await (await h.api('/me/notifications', { token: mika.participantToken })).json()).toEqual({
      items: [],
      next: null,
    });
    await expectError(
      await h.api('/me/notifications?after=bogus', { token: mika.participantToken }),
      400,
      'REQUEST.INVALID_CURSOR',
    );
    expect(
      await (
        await h.api('/me/notifications/read-all', { method: 'POST', token: mika.participantToken })
      ).json(),
    ).toEqual({ marked: 0 });
  });

  it('when the app asks for the VAPID public key, then it gets the key kept in the data directory', async () => {
    const res = await h.api('/push/vapid-public-key');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ publicKey: h.system.notifications.vapidPublicKey });
  });

  it('when a participant likes and unlikes an image, then their images say whether they like it', async () => {
    const aya = await participantWithLook(h, 'Aya');
    const likedByMe = async (): Promise<Record<string, boolean>> => {
      const res = await h.api('/me/images', { token: aya.participantToken });
      expect(res.status).toBe(200);
      const { items } = (await res.json()) as { items: { imageId: string; likedByMe: boolean }[] };
      return Object.fromEntries(items.map((i) => [i.imageId, i.likedByMe]));
    };
    const { photoImageId } = aya.participant;
    expect(await likedByMe()).toEqual({ [photoImageId]: false, [aya.lookImageId]: false });
    // Another participant's like of her look is theirs, not hers.
    const byMika = await h.api('/likes', {
      method: 'POST',
      token: mika.participantToken,
      ...json({ imageId: aya.lookImageId }),
    });
    expect(byMika.status).toBe(201);
    expect(await likedByMe()).toEqual({ [photoImageId]: false, [aya.lookImageId]: false });
    const liked = await h.api('/likes', {
      method: 'POST',
      token: aya.participantToken,
      ...json({ imageId: aya.lookImageId }),
    });
    expect(liked.status).toBe(201);
    expect(await likedByMe()).toEqual({ [photoImageId]: false, [aya.lookImageId]: true });
    const unliked = await h.api(`/likes/${aya.lookImageId}`, {
      method: 'DELETE',
      token: aya.participantToken,
    });
    expect(unliked.status).toBe(204);
    expect(await likedByMe()).toEqual({ [photoImageId]: false, [aya.lookImageId]: false });
  });
});
