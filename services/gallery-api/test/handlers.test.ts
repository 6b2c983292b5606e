import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '@photo/shared/adapters/sqlite/database';
import { SqliteGalleryItemRepository } from '@photo/shared/adapters/sqlite/gallery-item-repository.sqlite';
import { AppError } from '@photo/shared/errors/app-error';
import { encodeEvent } from '@photo/shared/events/define-event';
import { galleryObjectAdded } from '@photo/shared/events/catalog';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { OutgoingMessage, ReceivedMessage } from '@photo/shared/ports/event-bus.port';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { Recommender } from '@photo/shared/ports/recommender.port';
import { catalogObjectHandler, itemIdOf } from '../src/handlers/catalog-object.handler';
import { storageEventHandler } from '../src/handlers/storage-event.handler';

const received = (message: OutgoingMessage, attempt = 1): ReceivedMessage => ({
  messageId: 'm-1',
  data: message.data,
  attributes: message.attributes,
  orderingKey: message.orderingKey ?? null,
  publishTime: new Date('2026-03-01T10:00:00Z'),
  deliveryAttempt: attempt,
  subscription: 'test',
});

const gcsNotification = (name: string, metadata?: Record<string, string>): OutgoingMessage => ({
  data: Buffer.from(
    JSON.stringify({
      kind: 'storage#object',
      name,
      bucket: 'images',
      generation: '1700000000000001',
      contentType: 'image/jpeg',
      ...(metadata ? { metadata } : {}),
    }),
  ),
  attributes: {
    eventType: 'OBJECT_FINALIZE',
    bucketId: 'images',
    objectId: name,
    payloadFormat: 'JSON_API_V1',
  },
});

describe('storage-event handler (the relay in front of the ordered catalog queue)', () => {
  const setup = () => {
    const published: { topic: string; message: OutgoingMessage }[] = [];
    const handler = storageEventHandler({
      publisher: { publish: async (topic, message) => (published.push({ topic, message }), 'id') },
      galleryPrefix: 'gallery/',
    });
    return { handler, published };
  };

  it('when a gallery object is finalized, then gallery.object-added goes out keyed by the object, with its owner', async () => {
    const { handler, published } = setup();
    const owner = `gu_${'a'.repeat(26)}`;
    expect(await handler(received(gcsNotification('gallery/a.jpg', { 'owner-user-id': owner })))).toEqual({
      status: 'done',
    });
    expect(published).toHaveLength(1);
    expect(published[0]!.topic).toBe('gallery-objects');
    expect(published[0]!.message.orderingKey).toBe('gallery/a.jpg');
    expect(JSON.parse(published[0]!.message.data.toString())).toMatchObject({
      objectKey: 'gallery/a.jpg',
      generation: '1700000000000001',
      ownerUserId: owner,
    });
  });

  it('when the object is elsewhere, a folder, or not a new object, then it is skipped and nothing is published', async () => {
    const { handler, published } = setup();
    expect((await handler(received(gcsNotification('originals/x/v1/original-1')))).status).toBe('skipped');
    expect((await handler(received(gcsNotification('gallery/sub/')))).status).toBe('skipped');
    const deleted = gcsNotification('gallery/a.jpg');
    deleted.attributes.eventType = 'OBJECT_DELETE';
    expect((await handler(received(deleted))).status).toBe('skipped');
    expect(published).toEqual([]);
  });

  it('when the payload is not a storage object, then it is rejected as poison', async () => {
    const { handler } = setup();
    expect((await handler(received({ data: Buffer.from('{"nope":1}'), attributes: {} }))).status).toBe(
      'rejected',
    );
  });
});

describe('catalog-object handler', () => {
  const added = (generation = '1700000000000001') =>
    received(
      encodeEvent(
        galleryObjectAdded,
        {
          objectKey: 'gallery/a.jpg',
          bucket: 'images',
          generation,
          ownerUserId: null,
          finalizedAt: '2026-03-01T10:00:00.000Z',
        },
        'test',
      ),
    );

  const setup = (upload: ImageServerClient['uploadVersion']) => {
    const items = new SqliteGalleryItemRepository(openDatabase(':memory:'));
    const blobs = {
      get: vi.fn(async () => ({
        key: 'gallery/a.jpg',
        bytes: 3,
        contentType: 'image/jpeg',
        body: Readable.from([Buffer.from('abc')]),
      })),
    } as unknown as BlobStore;
    const uploadVersion = vi.fn(upload);
    const putItems = vi.fn(async () => {});
    const handler = catalogObjectHandler({
      blobs,
      imageServer: { uploadVersion } as unknown as ImageServerClient,
      items,
      recommender: { putItems } as unknown as Recommender,
    });
    return { handler, items, uploadVersion, putItems };
  };
  const stored = async () => ({
    imageId: 'x',
    version: 1,
    status: 'uploaded',
    bytes: 3,
    width: 1,
    height: 1,
    contentType: 'image/jpeg',
    created: true,
  });

  it('when an object is added twice, then it is uploaded and catalogued once and the recommender told both times', async () => {
    const { handler, items, uploadVersion, putItems } = setup(stored);
    expect(await handler(added())).toEqual({ status: 'done' });
    expect(await handler(added())).toEqual({ status: 'done' });
    expect(uploadVersion).toHaveBeenCalledTimes(1);
    expect(uploadVersion.mock.calls[0]![0]).toMatchObject({
      imageId: itemIdOf('images', 'gallery/a.jpg'),
      kind: 'event',
      expectedVersion: 0,
    });
    expect(putItems).toHaveBeenCalledTimes(2);
    expect(await items.get(itemIdOf('images', 'gallery/a.jpg'))).toMatchObject({
      objectKey: 'gallery/a.jpg',
    });
  });

  it('when the image server refuses the object as an image, then it is rejected (poison), not retried', async () => {
    const { handler, putItems } = setup(async () => {
      throw new AppError('IMAGE.INVALID', 422, 'not an image');
    });
    expect(await handler(added())).toMatchObject({ status: 'rejected' });
    expect(putItems).not.toHaveBeenCalled();
  });

  it('when the image server is down, then the delivery is retried (the error propagates)', async () => {
    const { handler } = setup(async () => {
      throw new AppError('DEPENDENCY.FAILED', 502, 'down');
    });
    await expect(handler(added())).rejects.toMatchObject({ code: 'DEPENDENCY.FAILED' });
  });

  it('when a later generation of a catalogued name arrives, then it is skipped: gallery objects are immutable', async () => {
    const { handler, uploadVersion } = setup(stored);
    await handler(added('1'));
    expect((await handler(added('2'))).status).toBe('skipped');
    expect(uploadVersion).toHaveBeenCalledTimes(1);
  });
});
