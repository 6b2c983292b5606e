import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rgbToLab } from '@photo/shared/colour/lab';
import { planRecolour } from '@photo/shared/colour/recolour';
import { newImageId, newVisitorId } from '@photo/shared/domain/ids';
import { paletteIdFor, toHex, type PaletteColour, type Rgb } from '@photo/shared/domain/palette';
import { processingRequested, variantReady } from '@photo/shared/events/catalog';
import { encodeEvent } from '@photo/shared/events/define-event';
import { lookImageId } from '@photo/shared/pipeline/look';
import { derivativeStore } from '@photo/shared/testing/derivative-store';
import { blocksPng } from '@photo/shared/testing/images';
import { recolourLookHandler } from './recolour-look.handler';

const DARK: Rgb = [60, 60, 60];
const LIGHT: Rgb = [200, 200, 200];
const BLUE: Rgb = [30, 50, 170];
const YELLOW: Rgb = [240, 220, 70];

const colour = (rgb: Rgb, share: number): PaletteColour => ({
  hex: toHex(rgb),
  rgb,
  lab: rgbToLab(...rgb),
  share,
});

describe('recolourLookHandler (processing-worker.processing-requested)', () => {
  let s: ReturnType<typeof derivativeStore>;
  let handler: ReturnType<typeof recolourLookHandler>;
  beforeEach(() => {
    s = derivativeStore();
    handler = recolourLookHandler({ ...s, config: { maxInputPixels: 1_000_000, tmpDir: s.tmpDir } });
  });
  afterEach(() => s.close());

  /** A palette with the given colours, by default of an image of its own (as an event image's palette is). */
  const palette = (colours: PaletteColour[], imageId = newImageId()) => {
    const paletteId = paletteIdFor(randomBytes(32).toString('hex'), 'kmeans-lab@1', colours.length);
    return s.palettes.save({
      paletteId,
      imageId,
      version: 1,
      k: colours.length,
      algorithm: 'kmeans-lab@1',
      colours,
      createdAt: s.clock.now(),
    });
  };

  /** A participant's photo clustered onto two greys: its left half dark, its right half light. */
  const clusteredPhoto = async (options: { bytes: boolean } = { bytes: true }) => {
    const visitorId = newVisitorId();
    const imageId = newImageId();
    const now = s.clock.now();
    await s.images.create({
      imageId,
      kind: 'participant-photo',
      ownerVisitorId: visitorId,
      creationKey: null,
      now,
    });
    const png = await blocksPng(8, 4, [DARK, LIGHT]);
    const stored = {
      contentType: 'image/png',
      bytes: png.length,
      sha256: '0'.repeat(64),
      width: 8,
      height: 4,
    };
    await s.images.addVersion({
      imageId,
      expectedVersion: 0,
      idempotencyKey: null,
      original: { ...stored, blobKey: `originals/${imageId}` },
      now,
    });
    const source = await palette([colour(DARK, 0.5), colour(LIGHT, 0.5)], imageId);
    const blobKey = `derived/${imageId}/v1/clustered-test.png`;
    if (options.bytes) await s.blobs.put(blobKey, png, { contentType: 'image/png' });
    await s.images.addVariant({
      ...stored,
      imageId,
      version: 1,
      variant: 'clustered',
      blobKey,
      createdAt: now,
    });
    await s.images.setStatus({ imageId, version: 1, status: 'clustered', reason: null, at: now });
    return { imageId, visitorId, sourceColours: source.colours };
  };

  const request = (photo: { imageId: string; visitorId: string }, paletteIds: string[]) =>
    s.received(
      encodeEvent(
        processingRequested,
        { imageId: photo.imageId, version: 1, paletteIds, visitorId: photo.visitorId },
        'backend-api',
      ),
    );

  const storedKeys = () => s.keys('derived/');

  /** The first and the last pixel of the top row: the left (dark) and right (light) halves. */
  const pixels = async (key: string) => {
    const { data, width } = await s.rgb(key);
    return { left: [...data.subarray(0, 3)], right: [...data.subarray((width - 1) * 3, width * 3)] };
  };

  it('when a look is requested from two palettes, then the clustered photo is recoloured onto both and stored and announced as the look', async () => {
    const photo = await clusteredPhoto();
    const blue = await palette([colour(BLUE, 1)]);
    const yellow = await palette([colour(YELLOW, 1)]);

    expect(await handler(request(photo, [blue.paletteId, yellow.paletteId]))).toEqual({ status: 'done' });

    const lookId = lookImageId(photo.imageId, 1, [blue.paletteId, yellow.paletteId], photo.visitorId);
    const [ready, ...more] = s.sent(variantReady);
    expect(more).toEqual([]);
    expect(ready).toMatchObject({
      imageId: lookId,
      version: 1,
      variant: 'processed',
      paletteId: null,
      visitorId: photo.visitorId,
      sourceImageId: photo.imageId,
      blobKey: `derived/${lookId}/v1/processed-recolour-1.png`,
      contentType: 'image/png',
      width: 8,
      height: 4,
    });
    // The dark half takes the darker target's hue (blue), the light half the lighter one's (yellow).
    const [toDark, toLight] = planRecolour(photo.sourceColours, [...blue.colours, ...yellow.colours]);
    const { left, right } = await pixels(ready!.blobKey);
    expect(left).toEqual(toDark!.to);
    expect(right).toEqual(toLight!.to);
    expect(left[2]!).toBeGreaterThan(left[0]!);
    expect(right[0]!).toBeGreaterThan(right[2]!);
  });

  it('when the same request is delivered again, before and after the image server recorded the look, then the look is made and stored once and announced the same way', async () => {
    const photo = await clusteredPhoto();
    const blue = await palette([colour(BLUE, 1)]);
    const message = request(photo, [blue.paletteId]);

    expect(await handler(message)).toEqual({ status: 'done' });
    const first = await storedKeys();
    expect(await handler({ ...message, deliveryAttempt: 2 })).toEqual({ status: 'done' });
    expect(await storedKeys()).toEqual(first);

    // What the image server does with the announcement: the look becomes an image with its processed variant.
    const [ready] = s.sent(variantReady);
    const { imageId, visitorId, blobKey, contentType, bytes, sha256, width, height } = ready!;
    await s.images.create({
      imageId,
      kind: 'look',
      ownerVisitorId: visitorId,
      creationKey: null,
      now: s.clock.now(),
    });
    await s.images.addVersion({
      imageId,
      expectedVersion: 0,
      idempotencyKey: null,
      variant: 'processed',
      original: { blobKey, contentType, bytes, sha256, width, height },
      now: s.clock.now(),
    });
    expect(await handler({ ...message, deliveryAttempt: 3 })).toMatchObject({ status: 'skipped' });

    expect(await storedKeys()).toEqual(first);
    expect(first.filter((key) => key.startsWith(`derived/${imageId}/`))).toEqual([blobKey]);
    expect(s.sent(variantReady)).toEqual([ready, ready, ready]);
  });

  it('when a named palette does not exist, then the request is rejected (dead-lettered, not retried) and nothing is made', async () => {
    const photo = await clusteredPhoto();
    const blue = await palette([colour(BLUE, 1)]);
    const before = await storedKeys();

    expect(await handler(request(photo, [blue.paletteId, 'pal_000000000000000000000000']))).toEqual({
      status: 'rejected',
      reason: 'palette pal_000000000000000000000000 does not exist',
    });
    expect(await storedKeys()).toEqual(before);
    expect(s.sent(variantReady)).toEqual([]);
  });

  it('when the photo does not exist, then the request is rejected; when it is not clustered yet, then it is retried; when its clustered bytes are gone, then it is rejected', async () => {
    const blue = await palette([colour(BLUE, 1)]);
    const missing = { imageId: newImageId(), visitorId: newVisitorId() };
    expect(await handler(request(missing, [blue.paletteId]))).toEqual({
      status: 'rejected',
      reason: `image ${missing.imageId} does not exist`,
    });

    const unclustered = await s.clustered('participant-photo');
    expect(
      await handler(
        request({ imageId: unclustered.imageId, visitorId: unclustered.owner! }, [blue.paletteId]),
      ),
    ).toEqual({
      status: 'retry',
      reason: `image ${unclustered.imageId} v1 is not clustered yet`,
    });

    const lost = await clusteredPhoto({ bytes: false });
    expect(await handler(request(lost, [blue.paletteId]))).toMatchObject({ status: 'rejected' });
    expect(await storedKeys()).toEqual([]);
    expect(s.sent(variantReady)).toEqual([]);
  });
});
