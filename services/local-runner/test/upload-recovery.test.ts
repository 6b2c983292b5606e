import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptionSpec } from '@photo/shared/events/topology';
import { errors } from '@photo/shared/errors/errors';
import { objectFinalizedMessage } from '@photo/shared/events/storage-notification';
import { noisyJpeg } from '@photo/shared/testing/images';
import type { UploadPipelineDeps } from '@photo/upload-pipeline/deps';
import { planBackfill } from '@photo/upload-pipeline/use-cases/plan-backfill';
import { startHarness, type Harness } from './harness';
import { keysUnder, putToTarget, requestUpload, waitForUpload, type UploadView } from './upload-support';

const eventUpload = (bytes: Buffer) => ({
  fileName: 'x.jpg',
  contentType: 'image/jpeg',
  size: bytes.length,
  purpose: 'event',
});

/** The first handoff throws, as a worker killed after its derivatives were stored and recorded would. */
function dieBeforeFirstHandoff(deps: UploadPipelineDeps): UploadPipelineDeps {
  let calls = 0;
  return {
    ...deps,
    imageServer: {
      importUpload: (request) => {
        if (++calls === 1) return Promise.reject(new Error('worker killed between steps'));
        return deps.imageServer.importUpload(request);
      },
      recordRenditions: (...args) => deps.imageServer.recordRenditions(...args),
    },
  };
}

/** The 4th derivative written on the first delivery fails: the step dies half-way through its outputs. */
function dieInsideFirstDerivatives(deps: UploadPipelineDeps): UploadPipelineDeps {
  let puts = 0;
  return {
    ...deps,
    blobs: Object.assign(Object.create(deps.blobs) as typeof deps.blobs, {
      put: (key: string, body: Parameters<typeof deps.blobs.put>[1], meta: { contentType: string }) => {
        if (key.startsWith('derived/uploads/') && ++puts === 4) return Promise.reject(new Error('disk full'));
        return deps.blobs.put(key, body, meta);
      },
    }),
  };
}

async function uploadOnce(h: Harness, token: string, seed: number): Promise<UploadView> {
  const jpeg = await noisyJpeg(300, 200, seed);
  const { upload, target } = await requestUpload(h, token, eventUpload(jpeg));
  expect((await putToTarget(target, jpeg)).status).toBe(200);
  return waitForUpload(h, token, upload.intentId);
}

describe('upload pipeline: a worker that dies between steps', () => {
  it('when the first delivery dies after the derivatives, then the redelivery resumes at the handoff with no duplicate', async () => {
    const h = await startHarness({ wrapUploadPipeline: dieBeforeFirstHandoff });
    try {
      const operator = await h.token('operator');
      const ready = await uploadOnce(h, operator, 1);
      expect(ready.status).toBe('ready');
      expect(ready.steps.verify).toMatchObject({ status: 'done', attempts: 1 });
      expect(ready.steps.derivatives).toMatchObject({ status: 'done', attempts: 1 });
      expect(ready.steps.handoff).toMatchObject({ status: 'done', attempts: 2 });
      expect(await keysUnder(h, `derived/uploads/${ready.intentId}/`)).toHaveLength(9);
      const variants = await h.system.adapters.images.listVariants(ready.imageId);
      expect(
        variants
          .filter((v) => v.variant.startsWith('r'))
          .map((v) => v.variant)
          .sort(),
      ).toEqual(ready.derivatives.map((d) => d.variant).sort());
      expect(variants.filter((v) => v.variant === 'original')).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });

  it('when the first delivery dies half-way through writing derivatives, then they are removed and made once again', async () => {
    const h = await startHarness({ wrapUploadPipeline: dieInsideFirstDerivatives });
    try {
      const operator = await h.token('operator');
      const ready = await uploadOnce(h, operator, 2);
      expect(ready.status).toBe('ready');
      expect(ready.steps.derivatives).toMatchObject({ status: 'done', attempts: 2 });
      const keys = await keysUnder(h, `derived/uploads/${ready.intentId}/`);
      expect(keys).toHaveLength(9);
      expect(new Set(keys).size).toBe(9);
    } finally {
      await h.stop();
    }
  });
});

describe('upload pipeline: failures that do not go away, poison messages, the sweeper', () => {
  let h: Harness;
  let operator: string;

  beforeAll(async () => {
    // The image server never answers the handoff: every attempt fails.
    h = await startHarness({
      wrapUploadPipeline: (deps) => ({
        ...deps,
        imageServer: {
          importUpload: () => Promise.reject(errors.dependencyFailed('The image server')),
          recordRenditions: () => Promise.reject(errors.dependencyFailed('The image server')),
        },
      }),
    });
    operator = await h.token('operator');
  });
  afterAll(() => h.stop());

  it('when every attempt fails, then the upload is failed with the reason, its derivatives removed, and the message dead-lettered', async () => {
    const failed = await uploadOnce(h, operator, 3);
    expect(failed).toMatchObject({ status: 'failed', reason: { code: 'UPLOAD.FAILED' }, result: null });
    // The handoff ran at most once per delivery (a delivery that found it running would step back without running
    // it); the last one failed it for good.
    const deliveries = subscriptionSpec('upload-pipeline.uploads-finalized').maxDeliveryAttempts;
    expect(failed.steps.handoff?.status).toBe('failed');
    expect(failed.steps.handoff?.attempts).toBeGreaterThan(1);
    expect(failed.steps.handoff?.attempts).toBeLessThanOrEqual(deliveries);
    expect(await keysUnder(h, `derived/uploads/${failed.intentId}/`)).toEqual([]);
    // The upload stays for a replay of the dead letter.
    expect(await keysUnder(h, `uploads/${failed.intentId}`)).toHaveLength(1);
    const letters = (await (await h.api('/admin/dead-letters', { token: operator })).json()) as {
      items: { subscription: string; kind: string }[];
    };
    expect(letters.items).toContainEqual(
      expect.objectContaining({ subscription: 'upload-pipeline.uploads-finalized', kind: 'exhausted' }),
    );
  });

  it('when a notification is not JSON, then it is dead-lettered as poison; a derived object is ignored', async () => {
    await h.system.adapters.publisher.publish('uploads-finalized', {
      data: Buffer.from('not json'),
      attributes: { eventType: 'OBJECT_FINALIZE' },
    });
    await h.system.adapters.publisher.publish(
      'uploads-finalized',
      objectFinalizedMessage({
        bucket: 'images',
        name: 'derived/uploads/up_00000000000000000000/r256-jpeg',
        generation: '1',
        size: 10,
        contentType: 'image/jpeg',
        timeCreated: new Date(),
      }),
    );
    await h.settle();
    const letters = (await (await h.api('/admin/dead-letters', { token: operator })).json()) as {
      items: { subscription: string; kind: string; reason: string }[];
    };
    expect(letters.items).toContainEqual(
      expect.objectContaining({
        subscription: 'upload-pipeline.uploads-finalized',
        kind: 'rejected',
        reason: 'payload is not JSON',
      }),
    );
    expect(letters.items.filter((l) => l.kind === 'rejected')).toHaveLength(1);
  });

  it('when objects under uploads/ belong to no intent, then the sweeper deletes them and keeps the failed upload', async () => {
    await h.system.adapters.blobs.put('uploads/up_0123456789abcdefghjk', Buffer.from('stray'), {
      contentType: 'image/jpeg',
    });
    await h.system.adapters.blobs.put('uploads/not-an-intent', Buffer.from('stray'), {
      contentType: 'image/jpeg',
    });
    const before = await keysUnder(h, 'uploads/');
    const report = await h.system.uploads.sweepNow();
    expect(report.orphansDeleted).toBe(2);
    expect(await keysUnder(h, 'uploads/')).toEqual(
      before.filter((k) => !k.includes('0123456789') && !k.includes('not-an')),
    );
  });
});

describe('upload pipeline: backfill after the size list changes', () => {
  it('when sizes are added, then a dry run counts, a capped run queues part, the next resumes, and the derivatives appear', async () => {
    const first = await startHarness({ env: { UPLOAD_SIZES: '256', UPLOAD_FORMATS: 'jpeg' } });
    const operator = await first.token('operator');
    const a = await uploadOnce(first, operator, 4);
    const b = await uploadOnce(first, operator, 5);
    expect(a.derivatives.map((d) => d.variant)).toEqual(['r256-jpeg']);
    await first.stop(true);

    const h = await startHarness({
      dataDir: first.dataDir,
      env: { UPLOAD_SIZES: '256,128', UPLOAD_FORMATS: 'jpeg' },
    });
    try {
      const lines: string[] = [];
      const deps = { ...h.system.uploads.pipeline, checkpoints: h.system.adapters.checkpoints };
      const options = { progress: (l: string) => lines.push(l) };
      expect(await planBackfill(deps, { ...options, dryRun: true, limit: 100 })).toMatchObject({
        queued: 2,
        done: true,
      });
      await h.settle();
      expect((await h.system.adapters.uploads.get(a.intentId))!.derivatives).toHaveLength(1);

      const partial = await planBackfill(deps, { ...options, dryRun: false, limit: 1 });
      expect(partial).toMatchObject({ queued: 1, done: false });
      const rest = await planBackfill(deps, { ...options, dryRun: false, limit: 100 });
      expect(rest).toMatchObject({ queued: 1, done: true });
      expect(await planBackfill(deps, { ...options, dryRun: false, limit: 100 })).toMatchObject({
        queued: 0,
        done: true,
      });
      expect(lines.some((l) => l.startsWith('would queue 2'))).toBe(true);
      await h.settle();

      for (const intent of [a, b]) {
        const view = await waitForUpload(h, await h.token('operator'), intent.intentId);
        expect(view.derivatives.map((d) => `${d.variant} ${d.width}x${d.height}`).sort()).toEqual([
          'r128-jpeg 128x85',
          'r256-jpeg 256x171',
        ]);
        const variants = await h.system.adapters.images.listVariants(intent.imageId);
        expect(
          variants
            .map((v) => v.variant)
            .filter((v) => v !== 'clustered')
            .sort(),
        ).toEqual(['original', 'r128-jpeg', 'r256-jpeg']);
      }
    } finally {
      await h.stop();
    }
  });
});
