import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeClusteringWorker } from '@photo/clustering-worker/compose';
import { composeGenerationWorker } from '@photo/generation-worker/compose';
import { composeProcessingWorker } from '@photo/processing-worker/compose';
import type { ServiceHost } from '@photo/shared/composition/service-host';
import { openEmbeddedAdapters, type EmbeddedAdapters } from '@photo/shared/composition/embedded';
import { DEAD_LETTER } from '@photo/shared/bus/delivery-policy';
import { newImageId } from '@photo/shared/domain/ids';
import { encodeEvent } from '@photo/shared/events/define-event';
import { generationRequested, imageUploaded, processingRequested } from '@photo/shared/events/catalog';
import { DEAD_LETTER_TOPIC, subscriptionSpec } from '@photo/shared/events/topology';
import { silentLogger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import type { OutgoingMessage } from '@photo/shared/ports/event-bus.port';
import { systemClock } from '@photo/shared/ports/common';
import { blocksPng } from '@photo/shared/testing/images';
import { tempDir } from '@photo/shared/testing/system-under-test';

/** A Pub/Sub push envelope, as Cloud Run receives it. */
const envelope = (subscription: string, message: OutgoingMessage, attempt = 1) => ({
  message: {
    data: message.data.toString('base64'),
    attributes: message.attributes,
    messageId: String(Math.floor(Math.random() * 1e12)),
    publishTime: new Date().toISOString(),
    ...(message.orderingKey ? { orderingKey: message.orderingKey } : {}),
  },
  subscription: `projects/event-photo/subscriptions/${subscription}`,
  deliveryAttempt: attempt,
});

describe('each worker through its Pub/Sub push endpoint (Cloud Run shape)', () => {
  let adapters: EmbeddedAdapters;
  let remove: () => Promise<void>;
  const published: { topic: string; message: OutgoingMessage }[] = [];
  const servers: Record<string, RunningServer> = {};
  const publisher = {
    publish: async (topic: string, message: OutgoingMessage) => {
      published.push({ topic, message });
      return `m${published.length}`;
    },
  };

  beforeAll(async () => {
    const temp = await tempDir();
    remove = temp.remove;
    adapters = openEmbeddedAdapters({ dataDir: temp.dir, logger: silentLogger(), clock: systemClock });
    // Each worker as its container composes it, over these adapters and a publisher that records.
    const host: ServiceHost = {
      store: { ...adapters, publisher },
      logger: silentLogger(),
      clock: systemClock,
      projectId: null,
      push: { pushAuth: null },
      schedulerAuth: null,
      readiness: {},
      isDraining: () => false,
      tokens: { tokenFor: async () => 'unused' },
      tmpDir: `${temp.dir}/tmp`,
    };
    const clustering = { PALETTE_SIZE: 4, SAMPLE_SIDE: 64, MAX_INPUT_PIXELS: 1e7, PALETTE_THREADS: 0 };
    const apps = {
      clustering: composeClusteringWorker(clustering, host).app,
      generation: composeGenerationWorker({ ARTWORK_WIDTH: 300, ARTWORK_HEIGHT: 400 }, host).app,
      processing: composeProcessingWorker({ MAX_INPUT_PIXELS: 1e7 }, host).app,
    };
    for (const [name, app] of Object.entries(apps)) {
      servers[name] = await startServer(app, { port: 0, host: '127.0.0.1', logger: silentLogger(), name });
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => s.close()));
    await adapters.close();
    await remove();
  });

  const push = (worker: string, subscription: string, message: OutgoingMessage, attempt = 1) =>
    fetch(`${servers[worker]!.url}/pubsub/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(envelope(subscription, message, attempt)),
    });

  it('when an uploaded image is pushed to the clustering worker, then it acks and announces the clustered variant, once per content', async () => {
    const imageId = newImageId();
    const png = await blocksPng(40, 20, [
      [250, 10, 10],
      [10, 10, 250],
    ]);
    await adapters.blobs.put(`originals/${imageId}/v1/original-a`, png, { contentType: 'image/png' });
    await adapters.images.create({
      imageId,
      kind: 'event',
      ownerVisitorId: null,
      creationKey: null,
      now: new Date(),
    });
    await adapters.images.addVersion({
      imageId,
      expectedVersion: 0,
      idempotencyKey: null,
      original: {
        blobKey: `originals/${imageId}/v1/original-a`,
        contentType: 'image/png',
        bytes: png.length,
        sha256: 'a'.repeat(64),
        width: 40,
        height: 20,
      },
      now: new Date(),
    });
    const message = encodeEvent(
      imageUploaded,
      { imageId, version: 1, kind: 'event', ownerVisitorId: null },
      'test',
    );
    const res = await push('clustering', 'clustering-worker.image-uploaded', message);
    expect(res.status).toBe(204);
    const ready = published.filter((p) => p.topic === 'image-variant-ready');
    expect(ready).toHaveLength(1);
    expect(JSON.parse(ready[0]!.message.data.toString())).toMatchObject({
      imageId,
      version: 1,
      variant: 'clustered',
    });
    const palette = await adapters.palettes.forImage(imageId, 1);
    expect(palette?.colours.map((c) => c.hex).sort()).toEqual(['#0a0afa', '#fa0a0a']);
  });

  it('when a payload is poison, then each worker acks it (204) and dead-letters it with the reason', async () => {
    const cases: [string, string][] = [
      ['clustering', 'clustering-worker.image-uploaded'],
      ['generation', 'generation-worker.generation-requested'],
      ['processing', 'processing-worker.processing-requested'],
    ];
    for (const [worker, subscription] of cases) {
      published.length = 0;
      const res = await push(worker, subscription, {
        data: Buffer.from('{"imageId":"../etc"}'),
        attributes: {},
      });
      expect(res.status, worker).toBe(204);
      expect(published.map((p) => p.topic)).toEqual([DEAD_LETTER_TOPIC]);
      expect(published[0]!.message.attributes[DEAD_LETTER.kind]).toBe('rejected');
      expect(published[0]!.message.attributes[DEAD_LETTER.reason]).toMatch(/invalid/);
    }
  });

  it('when a request names an image that does not exist, then it is rejected as poison, not retried', async () => {
    published.length = 0;
    const missing = newImageId();
    const gen = encodeEvent(
      generationRequested,
      { imageId: missing, version: 1, paletteId: `pal_${'0'.repeat(24)}` },
      'test',
    );
    expect((await push('generation', 'generation-worker.generation-requested', gen)).status).toBe(204);
    const look = encodeEvent(
      processingRequested,
      {
        imageId: missing,
        version: 1,
        paletteIds: [`pal_${'0'.repeat(24)}`],
        visitorId: `v_${'0'.repeat(20)}`,
      },
      'test',
    );
    expect((await push('processing', 'processing-worker.processing-requested', look)).status).toBe(204);
    expect(published.map((p) => p.message.attributes[DEAD_LETTER.kind])).toEqual(['rejected', 'rejected']);
  });

  it('when processing finds the photo not clustered yet, then it answers 503 so Pub/Sub retries, and dead-letters on the last attempt', async () => {
    const imageId = newImageId();
    await adapters.images.create({
      imageId,
      kind: 'participant-photo',
      ownerVisitorId: `v_${'1'.repeat(20)}`,
      creationKey: null,
      now: new Date(),
    });
    const look = encodeEvent(
      processingRequested,
      { imageId, version: 1, paletteIds: [`pal_${'0'.repeat(24)}`], visitorId: `v_${'1'.repeat(20)}` },
      'test',
    );
    published.length = 0;
    expect((await push('processing', 'processing-worker.processing-requested', look, 1)).status).toBe(503);
    expect(published).toHaveLength(0);
    const last = subscriptionSpec('processing-worker.processing-requested').maxDeliveryAttempts;
    expect((await push('processing', 'processing-worker.processing-requested', look, last)).status).toBe(204);
    expect(published[0]!.message.attributes[DEAD_LETTER.kind]).toBe('exhausted');
  });
});
