import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '@photo/shared/adapters/fs/blob-store.fs';
import { SharpImageInspector } from '@photo/shared/adapters/sharp/image-inspector.sharp';
import { SharpImageSanitizer } from '@photo/shared/adapters/sharp/image-sanitizer.sharp';
import { openDatabase } from '@photo/shared/adapters/sqlite/database';
import { SqliteImageRepository } from '@photo/shared/adapters/sqlite/image-repository.sqlite';
import { newImageId } from '@photo/shared/domain/ids';
import { SpoolSlots } from '@photo/shared/io/spool-slots';
import { systemClock } from '@photo/shared/ports/common';
import { phoneJpeg } from '@photo/shared/testing/exif-images';
import { tempDir } from '@photo/shared/testing/system-under-test';
import { storeVersion, type StoreVersionDeps } from '../src/use-cases/store-version';

const UPLOADS = 24;
const SLOTS = 3;

/** The body as a slow client sends it: 64 KiB every few milliseconds, so uploads overlap. */
const trickle = (bytes: Buffer): Readable & { pulled: () => number } => {
  let offset = 0;
  const body = new Readable({
    read() {
      setTimeout(() => {
        const chunk = bytes.subarray(offset, offset + 65_536);
        offset += chunk.length;
        this.push(chunk.length > 0 ? chunk : null);
      }, 2);
    },
  });
  return Object.assign(body, { pulled: () => offset });
};

async function bytesIn(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => []);
  const sizes = await Promise.all(
    names.map((n) =>
      stat(join(dir, n)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

describe('storeVersion: the temp directory (memory on Cloud Run) stays within its slots', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  let deps: StoreVersionDeps;
  let image: Buffer;
  let peakTempBytes = 0;

  beforeEach(async () => {
    temp = await tempDir('spool-');
    image = await phoneJpeg(1600, 1200);
    const blobs = new FsBlobStore(join(temp.dir, 'blobs'));
    const tmpDir = join(temp.dir, 'tmp');
    peakTempBytes = 0;
    deps = {
      images: new SqliteImageRepository(openDatabase(join(temp.dir, 'images.db'))),
      // Measured when an upload's temp files are at their largest: the spool and the stripped copy both exist.
      blobs: Object.assign(Object.create(blobs) as FsBlobStore, {
        put: async (...args: Parameters<FsBlobStore['put']>) => {
          peakTempBytes = Math.max(peakTempBytes, await bytesIn(tmpDir));
          return blobs.put(...args);
        },
      }),
      inspector: new SharpImageInspector(),
      sanitizer: new SharpImageSanitizer(),
      archiveOriginals: false,
      publisher: { publish: async () => 'published' },
      clock: systemClock,
      limits: {
        maxBytes: Math.ceil(image.length * 1.5),
        maxPixels: 40_000_000,
        allowedTypes: ['image/jpeg'],
      },
      tmpDir,
      spoolSlots: new SpoolSlots(SLOTS, 60_000),
    };
  });
  afterEach(async () => {
    await temp.remove();
  });

  const upload = (body: Readable) =>
    storeVersion(deps, {
      imageId: newImageId(),
      kind: 'participant-photo',
      ownerVisitorId: null,
      expectedVersion: 0,
      idempotencyKey: null,
      body,
    });

  it(`when ${UPLOADS} uploads arrive at once, then at most ${SLOTS} spool together, the temp directory stays under ${SLOTS} × 2 × the upload cap, and every one is stored`, async () => {
    const results = await Promise.all(Array.from({ length: UPLOADS }, () => upload(trickle(image))));

    expect(results.every((r) => r.created)).toBe(true);
    expect(deps.spoolSlots.peak).toBe(SLOTS);
    const bound = SLOTS * 2 * deps.limits.maxBytes;
    expect(peakTempBytes).toBeGreaterThan(image.length);
    expect(peakTempBytes).toBeLessThanOrEqual(bound);
    // What the same uploads would have held at once without the slots.
    expect(UPLOADS * image.length).toBeGreaterThan(bound);
    expect(await readdir(deps.tmpDir)).toEqual([]);
  }, 120_000);

  it('when every slot stays busy past the wait, then the next upload is refused 503 SERVICE.UNAVAILABLE with a retry delay, without its body being read', async () => {
    deps.spoolSlots = new SpoolSlots(1, 200);
    const stalled = new Readable({ read() {} });
    const first = upload(stalled);
    const second = trickle(image);

    await expect(upload(second)).rejects.toMatchObject({
      code: 'SERVICE.UNAVAILABLE',
      status: 503,
      details: { retryAfterSeconds: 5 },
    });
    expect(second.pulled()).toBe(0);

    stalled.push(image);
    stalled.push(null);
    expect((await first).created).toBe(true);
    expect((await upload(trickle(image))).created).toBe(true);
  });
});
