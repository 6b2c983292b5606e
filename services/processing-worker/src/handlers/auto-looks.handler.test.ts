import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeEvent } from '@photo/shared/events/define-event';
import { imageClustered, processingRequested } from '@photo/shared/events/catalog';
import { lookImageId } from '@photo/shared/pipeline/look';
import { automationStore } from '@photo/shared/testing/automation-store';
import { autoLookReason, autoLooksHandler } from './auto-looks.handler';

describe('autoLooksHandler (processing-worker.image-clustered)', () => {
  let s: ReturnType<typeof automationStore>;
  beforeEach(() => {
    s = automationStore();
  });
  afterEach(() => s.close());

  const photoClustered = (photo: { imageId: string; paletteId: string; owner: string | null }) =>
    encodeEvent(
      imageClustered,
      {
        imageId: photo.imageId,
        version: 1,
        kind: 'participant-photo',
        ownerVisitorId: photo.owner,
        paletteId: photo.paletteId,
      },
      'image-server',
    );

  it('when a photo is clustered with "newest 2" and image.clustered is redelivered after a newer event palette, then one look from the first two newest palettes is requested', async () => {
    await s.setRules({ autoGenerate: false, looks: { source: 'newest', newest: 2, pinnedPaletteIds: [] } });
    const handler = autoLooksHandler(s);
    await s.clustered('event');
    const second = await s.clustered('event');
    const third = await s.clustered('event');
    const photo = await s.clustered('participant-photo');
    expect(await handler(s.received(photoClustered(photo)))).toEqual({ status: 'done' });
    await s.clustered('event');
    expect(await handler(s.received(photoClustered(photo), 2))).toMatchObject({ status: 'skipped' });

    const paletteIds = [third.paletteId, second.paletteId];
    expect(s.sent(processingRequested)).toEqual([
      { imageId: photo.imageId, version: 1, paletteIds, visitorId: photo.owner },
    ]);
    const lookId = lookImageId(photo.imageId, 1, paletteIds, photo.owner!);
    const notes = (await s.images.statusHistory(photo.imageId)).filter((h) =>
      h.reason?.startsWith('automatic'),
    );
    expect(notes).toMatchObject([{ version: 1, status: 'clustered', reason: autoLookReason(lookId, 2) }]);
  });

  it('when the decision was recorded but the request never went out, then the redelivery requests the same look, once', async () => {
    await s.setRules({ autoGenerate: false, looks: { source: 'newest', newest: 3, pinnedPaletteIds: [] } });
    const first = await s.clustered('event');
    const photo = await s.clustered('participant-photo');
    const crashing = { ...s, publisher: { publish: () => Promise.reject(new Error('bus down')) } };
    await expect(autoLooksHandler(crashing)(s.received(photoClustered(photo)))).rejects.toThrow('bus down');
    await s.clustered('event');
    expect(await autoLooksHandler(s)(s.received(photoClustered(photo), 2))).toEqual({ status: 'done' });
    expect(s.sent(processingRequested)).toMatchObject([{ paletteIds: [first.paletteId] }]);
    const notes = (await s.images.statusHistory(photo.imageId)).filter((h) =>
      h.reason?.startsWith('automatic'),
    );
    expect(notes).toHaveLength(1);
  });

  it('when looks use pinned palettes, then those are taken; when looks are off or the image is an event image, then nothing is requested', async () => {
    const handler = autoLooksHandler(s);
    const pinned = await s.clustered('event');
    const photo = await s.clustered('participant-photo');
    expect(await handler(s.received(photoClustered(photo)))).toEqual({
      status: 'skipped',
      reason: 'automatic looks are off',
    });
    await s.setRules({
      autoGenerate: false,
      looks: { source: 'pinned', newest: 3, pinnedPaletteIds: [pinned.paletteId] },
    });
    const event = await s.clustered('event');
    const eventMessage = encodeEvent(
      imageClustered,
      { imageId: event.imageId, version: 1, kind: 'event', ownerVisitorId: null, paletteId: event.paletteId },
      'image-server',
    );
    expect(await handler(s.received(eventMessage))).toMatchObject({ status: 'skipped' });
    expect(await handler(s.received(photoClustered(photo)))).toEqual({ status: 'done' });
    expect(s.sent(processingRequested)).toMatchObject([{ paletteIds: [pinned.paletteId] }]);
  });
});
