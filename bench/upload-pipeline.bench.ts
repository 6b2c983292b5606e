import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { SharpUploadImaging } from '@photo/shared/adapters/sharp/upload-imaging.sharp';
import { openEmbeddedAdapters } from '@photo/shared/composition/embedded';
import { newUploadIntentId } from '@photo/shared/domain/ids';
import { newUploadIntent } from '@photo/shared/domain/upload';
import { silentLogger } from '@photo/shared/http/logger';
import { systemClock } from '@photo/shared/ports/common';
import type { ReceivedMessage } from '@photo/shared/ports/event-bus.port';
import { renditionSpecs } from '@photo/upload-pipeline/config';
import type { UploadPipelineDeps } from '@photo/upload-pipeline/deps';
import { processUpload } from '@photo/upload-pipeline/use-cases/process-upload';
import type { Benchmark } from './lib/benchmark';
import { HEIGHT, WIDTH } from './upload-pipeline.report';
import { startBenchSystem } from './lib/embedded-system';
import { report } from './upload-pipeline.report';
import { SharpImageInspector } from '@photo/shared/adapters/sharp/image-inspector.sharp';

/** Interleaved pairs, so both see the same machine. */
const RUNS = 7;
const SPECS = renditionSpecs([256, 1024, 2048], ['jpeg', 'webp', 'avif']);
const LIMITS = { maxPixels: 40_000_000 };
const imaging = new SharpUploadImaging();

/** A 12 MP photo-like JPEG: smooth colour fields with sensor-like noise, camera EXIF and GPS. */
async function twelveMegapixelJpeg(): Promise<Buffer> {
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 7;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      const noise = ((seed >>> 24) & 15) - 8;
      const i = (y * WIDTH + x) * 3;
      raw[i] = 128 + 90 * Math.sin(x / 310) + noise;
      raw[i + 1] = 128 + 90 * Math.sin(y / 170 + x / 900) + noise;
      raw[i + 2] = 128 + 90 * Math.cos((x + y) / 520) + noise;
    }
  }
  return sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .withExif({
      IFD0: { Make: 'Bench', Model: 'Camera' },
      IFD2: { DateTimeOriginal: '2025:05:01 10:20:30' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 22/1' },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const message = (name: string): ReceivedMessage => ({
  messageId: name,
  data: Buffer.from('{}'),
  attributes: {},
  orderingKey: null,
  publishTime: new Date(),
  deliveryAttempt: 1,
  subscription: 'upload-pipeline.uploads-finalized',
});

/** The upload workflow in process on the embedded adapters; the handoff answers at once (measured on its own below). */
async function pipelineRun(dir: string, jpeg: Buffer): Promise<number> {
  const adapters = openEmbeddedAdapters({
    dataDir: join(dir, `run-${Math.random()}`),
    logger: silentLogger(),
    clock: systemClock,
  });
  try {
    const now = new Date();
    const intentId = newUploadIntentId();
    const intent = newUploadIntent({
      intentId,
      purpose: 'event',
      imageId: 'img_bench0000000000000000',
      ownerVisitorId: null,
      callerKey: 'user:bench',
      fileName: 'bench.jpg',
      contentType: 'image/jpeg',
      size: jpeg.length,
      sha256: null,
      expectedVersion: 0,
      callbackUrl: null,
      callbackSecret: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 600_000),
    });
    await adapters.uploads.create(intent, { now, since: now, maxPending: 10, maxBytes: 1e12 });
    await adapters.images.create({
      imageId: intent.imageId,
      kind: 'event',
      ownerVisitorId: null,
      creationKey: null,
      now,
    });
    await adapters.blobs.put(intent.objectKey, jpeg, { contentType: 'image/jpeg' });
    const deps: UploadPipelineDeps = {
      uploads: adapters.uploads,
      images: adapters.images,
      blobs: adapters.blobs,
      inspector: new SharpImageInspector(),
      imaging: new SharpUploadImaging(),
      imageServer: {
        importUpload: async () => ({
          imageId: intent.imageId,
          version: 1,
          status: 'uploaded',
          bytes: jpeg.length,
          width: HEIGHT,
          height: WIDTH,
          contentType: 'image/jpeg',
          created: true,
        }),
        recordRenditions: async () => undefined,
      },
      publisher: adapters.bus,
      webhooks: { post: async () => ({ status: 204 }) },
      clock: systemClock,
      logger: silentLogger(),
      config: {
        renditions: SPECS,
        maxInputPixels: LIMITS.maxPixels,
        allowedTypes: ['image/jpeg'],
        tmpDir: join(dir, 'tmp'),
        maxDeliveryAttempts: 5,
        callbackAttempts: 5,
        sweepGraceSeconds: 900,
        stepLeaseSeconds: 60,
      },
    };
    const started = performance.now();
    const outcome = await processUpload(deps, intent.objectKey, message(intentId));
    const ms = performance.now() - started;
    const done = await adapters.uploads.get(intentId);
    if (outcome.status !== 'done' || done?.status !== 'ready')
      throw new Error(`pipeline ended ${outcome.status} / ${done?.status}`);
    return ms;
  } finally {
    await adapters.close();
  }
}

/** The same renditions, sharp alone: the file on local disk, the adapter's calls, nothing else. */
async function rawRun(dir: string, path: string): Promise<number> {
  const started = performance.now();
  await imaging.renditions(path, SPECS, (s) => join(dir, `raw-${s.variant}`), LIMITS);
  return performance.now() - started;
}

/** The whole path through the embedded system: POST /uploads, PUT, the pipeline, the handoff over HTTP, ready. */
async function endToEnd(jpeg: Buffer): Promise<number> {
  const sut = await startBenchSystem({ UPLOAD_MAX_BYTES: String(64 * 1024 * 1024) });
  try {
    const token = await sut.system.idp.accessToken({
      role: 'operator',
      subject: 'bench|operator',
      audience: sut.system.audience,
    });
    const started = performance.now();
    const res = await fetch(`${sut.system.urls.backend}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        fileName: 'b.jpg',
        contentType: 'image/jpeg',
        size: jpeg.length,
        purpose: 'event',
      }),
    });
    const { upload, target } = (await res.json()) as {
      upload: { intentId: string };
      target: { url: string; headers: Record<string, string> };
    };
    const put = await fetch(target.url, {
      method: 'PUT',
      headers: target.headers,
      body: new Uint8Array(jpeg),
    });
    if (put.status !== 200) throw new Error(`PUT answered ${put.status}`);
    for (;;) {
      const intent = await sut.system.adapters.uploads.get(upload.intentId);
      if (intent?.status === 'ready') return performance.now() - started;
      if (intent && ['rejected', 'failed'].includes(intent.status))
        throw new Error(`upload ${intent.status}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await sut.stop();
  }
}

export const uploadPipelineBenchmark: Benchmark = {
  name: 'upload-pipeline',
  title:
    '12 MP JPEG → 256/1024/2048 px × JPEG/WebP/AVIF: the upload pipeline beside the same sharp resizes alone',
  async run(ctx) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-upload-'));
    try {
      ctx.log('making a 12 MP JPEG');
      const jpeg = await twelveMegapixelJpeg();
      const path = join(dir, 'source.jpg');
      await writeFile(path, jpeg);
      ctx.log('warm-up');
      await rawRun(dir, path);
      const raw: number[] = [];
      const pipeline: number[] = [];
      // Interleaved, so both see the same machine.
      for (let i = 0; i < RUNS && !ctx.signal.aborted; i++) {
        ctx.log(`run ${i + 1}/${RUNS}`);
        raw.push(await rawRun(dir, path));
        pipeline.push(await pipelineRun(dir, jpeg));
      }
      ctx.log('end to end through the embedded system');
      const e2e = await endToEnd(await readFile(path));
      return report({ raw, pipeline, endToEnd: e2e, jpegBytes: jpeg.length });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
