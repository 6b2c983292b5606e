import type { Dirent } from 'node:fs';
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export interface BucketLitter {
  /** Bodies a put was still writing when its process died, removed from `.tmp/`. */
  halfWritten: number;
  /** Content-type sidecars whose object never got its name (the put died between the two), removed. */
  straySidecars: number;
}

const SIDECAR = /^(.+)#(\d+)\.json$/;

/**
 * Removes what crashed puts left in an FsBlobStore bucket (see its layout): bodies in `.tmp/` and sidecars whose
 * object does not exist or is another inode, if written before `olderThan`. A put in progress is younger than that
 * (at start-up, nothing is in progress: the caller holds the data directory).
 */
export async function sweepBucketLitter(root: string, olderThan: Date): Promise<BucketLitter> {
  const litter: BucketLitter = { halfWritten: 0, straySidecars: 0 };
  const cutoff = olderThan.getTime();
  const tmp = join(root, '.tmp');
  for (const entry of await entries(tmp)) {
    if (entry.isFile() && (await removeIfOlder(join(tmp, entry.name), cutoff))) litter.halfWritten++;
  }
  litter.straySidecars = await sweepSidecars(join(root, 'objects'), cutoff);
  return litter;
}

async function sweepSidecars(dir: string, cutoff: number): Promise<number> {
  let removed = 0;
  for (const entry of await entries(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      removed += await sweepSidecars(path, cutoff);
      continue;
    }
    const sidecar = SIDECAR.exec(entry.name);
    if (!sidecar) continue;
    const object = await stat(join(dir, sidecar[1]!), { bigint: true }).catch(() => null);
    if (object?.ino === BigInt(sidecar[2]!)) continue;
    if (await removeIfOlder(path, cutoff)) removed++;
  }
  return removed;
}

async function removeIfOlder(path: string, cutoff: number): Promise<boolean> {
  const s = await stat(path).catch(() => null);
  if (!s || s.mtimeMs >= cutoff) return false;
  await unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  return true;
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
