import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '@photo/shared/adapters/fs/blob-store.fs';
import type { StoredVariant } from '@photo/shared/domain/image';
import { SpoolSlots } from '@photo/shared/io/spool-slots';
import { systemClock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { OneTimeTokenRepository } from '@photo/shared/ports/one-time-token-repository.port';
import { sha256Hex } from '@photo/shared/security/hashing';
import { tempDir } from '@photo/shared/testing/system-under-test';
import { CleanOriginals } from '../src/use-cases/clean-originals';
import { redeemLink, type RedeemLinkDeps } from '../src/use-cases/redeem-link';
import { ServedBytesCache } from '../src/use-cases/served-bytes-cache';

const BYTES = Buffer.alloc(4096, 7);

describe('redeeming a link to an original', () => {
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let blobs: FsBlobStore;
  const variant: StoredVariant = {
    imageId: 'img_aaaaaaaaaaaaaaaaaaaa',
    version: 1,
    variant: 'original',
    blobKey: 'originals/img_aaaaaaaaaaaaaaaaaaaa/v1/original',
    contentType: 'image/jpeg',
    bytes: BYTES.length,
    sha256: sha256Hex(BYTES),
    width: 64,
    height: 64,
    createdAt: new Date(),
  };

  beforeAll(async () => {
    temp = await tempDir('redeem-link-');
    blobs = new FsBlobStore(`${temp.dir}/bucket`);
    await blobs.put(variant.blobKey, BYTES, { contentType: 'image/jpeg' });
  });
  afterAll(() => temp.remove());

  const depsWith = (checks: { count: number }): RedeemLinkDeps => ({
    images: { getVariant: async () => variant } as unknown as ImageRepository,
    tokens: {
      consume: async () => ({
        outcome: 'granted',
        grant: {
          ...variant,
          tokenHash: 'h',
          createdAt: new Date(),
          expiresAt: new Date(Date.now() + 60_000),
        },
      }),
    } as unknown as OneTimeTokenRepository,
    blobs,
    clock: systemClock,
    sanitizer: {
      stripMetadata: async () => {
        checks.count++;
        return null; // nothing to strip: the original is clean
      },
    },
    tmpDir: `${temp.dir}/tmp`,
    spoolSlots: new SpoolSlots(4, 5_000),
    maxPixels: 1_000_000,
    cleanOriginals: new CleanOriginals(),
    servedBytes: new ServedBytesCache(1024 * 1024),
  });

  const bodyOf = async (body: Buffer | Readable | null): Promise<Buffer> => {
    if (Buffer.isBuffer(body)) return body;
    const chunks: Buffer[] = [];
    for await (const chunk of body!) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  it('when 16 phones open a new photo at once, then its original is checked once and each gets its bytes', async () => {
    const checks = { count: 0 };
    const deps = depsWith(checks);
    const token = 'A'.repeat(43);
    const redeemed = await Promise.all(Array.from({ length: 16 }, () => redeemLink(deps, token, 'consume')));
    const bodies = await Promise.all(redeemed.map((r) => bodyOf(r.body)));
    expect(bodies.every((b) => b.equals(BYTES))).toBe(true);
    expect(checks.count).toBe(1);
    expect(deps.cleanOriginals.has(variant.blobKey)).toBe(true);
  });
});
