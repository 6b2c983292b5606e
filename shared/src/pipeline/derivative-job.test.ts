import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../adapters/fs/blob-store.fs';
import { variantReady } from '../events/catalog';
import { automationStore } from '../testing/automation-store';
import { runDerivativeJob, type DerivativeJob } from './derivative-job';

describe('runDerivativeJob', () => {
  let s: ReturnType<typeof automationStore>;
  let dir: string;
  let deps: Parameters<typeof runDerivativeJob>[0];
  let computed: number;

  beforeEach(async () => {
    s = automationStore();
    dir = await mkdtemp(join(tmpdir(), 'derivative-job-'));
    deps = { ...s, blobs: new FsBlobStore(join(dir, 'bucket')), tmpDir: join(dir, 'tmp') };
    computed = 0;
  });
  afterEach(async () => {
    s.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A generation of a clustered image whose stored original holds `bytes`. */
  const generation = async (bytes: string | null): Promise<DerivativeJob> => {
    const { imageId, paletteId } = await s.clustered('event');
    const input = (await s.images.getVariant(imageId, 1, 'original'))!;
    if (bytes !== null) await deps.blobs.put(input.blobKey, Buffer.from(bytes), { contentType: 'image/png' });
    return {
      source: 'generation-worker',
      target: { imageId, version: 1, variant: 'generated', paletteId, visitorId: null, sourceImageId: null },
      name: `${paletteId}-art.jpg`,
      made: null,
      working: { image: (await s.images.get(imageId))!, status: 'generating' },
      plan: async () => ({
        input,
        compute: async (source, dest) => {
          computed++;
          await copyFile(source, dest);
          return { contentType: 'image/jpeg', width: 4, height: 4 };
        },
      }),
    };
  };

  it('when a job runs, then it shows its status, stores under the derived key, announces, and leaves no temp file', async () => {
    const job = await generation('pixels');
    expect(await runDerivativeJob(deps, job)).toEqual({ status: 'done' });
    const { imageId, paletteId } = job.target;
    const blobKey = `derived/${imageId}/v1/generated-${paletteId}-art.jpg`;
    expect(await deps.blobs.stat(blobKey)).toMatchObject({ bytes: 6 });
    expect(s.sent(variantReady)).toEqual([
      expect.objectContaining({ imageId, variant: 'generated', blobKey, bytes: 6, paletteId }),
    ]);
    expect((await s.images.statusHistory(imageId)).map((h) => h.status)).toEqual([
      'uploaded',
      'clustered',
      'generating',
    ]);
    expect(await readdir(deps.tmpDir)).toEqual([]);
  });

  it('when the version already shows the status, then it is not recorded again', async () => {
    const job = await generation('pixels');
    const { imageId } = job.target;
    await s.images.setStatus({
      imageId,
      version: 1,
      status: 'generating',
      reason: 'asked',
      at: s.clock.now(),
    });
    job.working = { image: (await s.images.get(imageId))!, status: 'generating' };
    await runDerivativeJob(deps, job);
    expect((await s.images.statusHistory(imageId)).filter((h) => h.status === 'generating')).toHaveLength(1);
  });

  it('when an earlier delivery made the result, then it is announced again and nothing is computed', async () => {
    const job = await generation('pixels');
    const made = {
      blobKey: 'derived/x',
      contentType: 'image/jpeg',
      bytes: 1,
      sha256: 'a'.repeat(64),
      width: 1,
      height: 1,
    };
    expect(await runDerivativeJob(deps, { ...job, made })).toMatchObject({ status: 'skipped' });
    expect(computed).toBe(0);
    expect(s.sent(variantReady)).toEqual([expect.objectContaining({ blobKey: 'derived/x' })]);
  });

  it('when the plan cannot run yet or the input bytes are missing, then its outcome is answered and nothing is announced', async () => {
    const job = await generation(null);
    expect(
      await runDerivativeJob(deps, { ...job, plan: async () => ({ status: 'retry', reason: 'later' }) }),
    ).toEqual({ status: 'retry', reason: 'later' });
    expect(await runDerivativeJob(deps, job)).toMatchObject({ status: 'rejected' });
    expect(computed).toBe(0);
    expect(s.sent(variantReady)).toEqual([]);
    expect(await readdir(deps.tmpDir)).toEqual([]);
  });
});
