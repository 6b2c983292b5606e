import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import { FsBlobStore } from '../adapters/fs/blob-store.fs';
import { SharpColourImaging } from '../adapters/sharp/colour-imaging.sharp';
import { automationStore } from './automation-store';

/**
 * The automation stores plus what a colour-pipeline job reads and writes: an embedded bucket (a directory), the sharp
 * imaging on the calling thread and a temp directory. For the derivative handlers' tests: a redelivered job must
 * store nothing twice.
 */
export function derivativeStore() {
  const store = automationStore();
  const dir = mkdtempSync(join(tmpdir(), 'derivative-jobs-'));
  const blobs = new FsBlobStore(join(dir, 'bucket'));
  return {
    ...store,
    blobs,
    imaging: new SharpColourImaging({ paletteThreads: 0 }),
    tmpDir: join(dir, 'tmp'),
    /** The keys stored under `prefix`, sorted. */
    async keys(prefix: string): Promise<string[]> {
      const keys: string[] = [];
      for await (const { key } of blobs.list(prefix)) keys.push(key);
      return keys.sort();
    },
    /** A stored image's pixels as packed RGB, row by row. */
    async rgb(key: string): Promise<{ data: Buffer; width: number; height: number }> {
      const object = await blobs.get(key);
      if (!object) throw new Error(`no object at ${key}`);
      const { data, info } = await sharp(await buffer(object.body))
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    },
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
