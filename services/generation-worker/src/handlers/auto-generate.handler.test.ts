import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeEvent } from '@photo/shared/events/define-event';
import { generationRequested, imageClustered } from '@photo/shared/events/catalog';
import { automationStore } from '@photo/shared/testing/automation-store';
import { AUTO_GENERATION_REASON, autoGenerateHandler } from './auto-generate.handler';

const RULES_ON = {
  autoGenerate: true,
  looks: { source: 'off' as const, newest: 3, pinnedPaletteIds: [] },
};

describe('autoGenerateHandler (generation-worker.image-clustered)', () => {
  let s: ReturnType<typeof automationStore>;
  beforeEach(() => {
    s = automationStore();
  });
  afterEach(() => s.close());

  const clusteredMessage = (
    image: { imageId: string; paletteId: string; owner: string | null },
    kind: 'event' | 'participant-photo',
  ) =>
    encodeEvent(
      imageClustered,
      { imageId: image.imageId, version: 1, kind, ownerVisitorId: image.owner, paletteId: image.paletteId },
      'image-server',
    );

  it('when automatic generation is on and image.clustered is delivered twice, then one generation is requested and the history says so once', async () => {
    await s.setRules(RULES_ON);
    const handler = autoGenerateHandler(s);
    const image = await s.clustered('event');
    const message = clusteredMessage(image, 'event');
    expect(await handler(s.received(message))).toEqual({ status: 'done' });
    expect(await handler(s.received(message, 2))).toMatchObject({ status: 'skipped' });
    expect(s.sent(generationRequested)).toEqual([
      { imageId: image.imageId, version: 1, paletteId: image.paletteId },
    ]);
    const history = await s.images.statusHistory(image.imageId);
    expect(history.filter((h) => h.reason === AUTO_GENERATION_REASON)).toMatchObject([
      { version: 1, status: 'generating' },
    ]);
    expect((await s.images.get(image.imageId))?.status).toBe('generating');
  });

  it('when the first delivery failed after publishing but before marking it done (the bus retries a thrown error), then the redelivery publishes once more and records nothing twice', async () => {
    await s.setRules(RULES_ON);
    const image = await s.clustered('event');
    const failingMark = { ...s, automation: Object.create(s.automation) as typeof s.automation };
    failingMark.automation.markDone = async () => {
      throw new Error('store down');
    };
    await expect(
      autoGenerateHandler(failingMark)(s.received(clusteredMessage(image, 'event'))),
    ).rejects.toThrow('store down');
    expect(await autoGenerateHandler(s)(s.received(clusteredMessage(image, 'event'), 2))).toEqual({
      status: 'done',
    });
    expect(s.sent(generationRequested)).toHaveLength(2);
    const notes = (await s.images.statusHistory(image.imageId)).filter(
      (h) => h.reason === AUTO_GENERATION_REASON,
    );
    expect(notes).toHaveLength(1);
  });

  it('when automatic generation is off, or the image is a participant photo, then nothing is requested', async () => {
    const handler = autoGenerateHandler(s);
    const event = await s.clustered('event');
    expect(await handler(s.received(clusteredMessage(event, 'event')))).toEqual({
      status: 'skipped',
      reason: 'automatic generation is off',
    });
    await s.setRules(RULES_ON);
    const photo = await s.clustered('participant-photo');
    expect(await handler(s.received(clusteredMessage(photo, 'participant-photo')))).toMatchObject({
      status: 'skipped',
    });
    expect(s.sent(generationRequested)).toEqual([]);
  });
});
