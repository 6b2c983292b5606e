import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/system-under-test';
import { FsBlobStore } from './blob-store.fs';
import { sweepBucketLitter } from './bucket-litter.fs';

describe('sweepBucketLitter', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: FsBlobStore;
  beforeEach(async () => {
    dir = await tempDir('bucket-litter-');
    store = new FsBlobStore(dir.dir);
  });
  afterEach(() => dir.remove());

  it('when crashed puts left a body in .tmp and a sidecar without its object, then both go and objects stay', async () => {
    await store.put('originals/a/v1/original-1', Buffer.from('kept'), { contentType: 'image/jpeg' });
    await writeFile(join(dir.dir, '.tmp', 'half-written'), 'partial');
    const folder = join(dir.dir, 'objects', 'originals~', 'a~', 'v1~');
    await writeFile(join(folder, 'original-2#123456789.json'), '{"contentType":"image/jpeg"}');

    const litter = await sweepBucketLitter(dir.dir, new Date(Date.now() + 1000));

    expect(litter).toEqual({ halfWritten: 1, straySidecars: 1 });
    expect(await readdir(join(dir.dir, '.tmp'))).toEqual([]);
    expect((await readdir(folder)).filter((n) => n.startsWith('original-2'))).toEqual([]);
    expect(await store.stat('originals/a/v1/original-1')).toMatchObject({ contentType: 'image/jpeg' });
  });

  it('when litter is younger than the cutoff, then it stays (a put may still be writing it)', async () => {
    const body = join(dir.dir, '.tmp', 'being-written');
    await writeFile(body, 'partial');
    const old = new Date(Date.now() - 60_000);
    const litter = await sweepBucketLitter(dir.dir, old);
    expect(litter).toEqual({ halfWritten: 0, straySidecars: 0 });
    await utimes(body, old, new Date(old.getTime() - 1000));
    expect(await sweepBucketLitter(dir.dir, old)).toEqual({ halfWritten: 1, straySidecars: 0 });
  });
});
