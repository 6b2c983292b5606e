import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { photoLikeJpeg } from './lib/photo-like';

export const BURST_WIDTH = 4000;
export const BURST_HEIGHT = 3000;
/** Changes when the generator does, so a cache of older images is never used. */
const GENERATION = 'v1';

/**
 * The burst's event images: 12 MP photo-like JPEGs (gradients and noise, seed = index), made once and kept in a temp
 * directory that later runs reuse, since making hundreds takes minutes on a busy machine.
 */
export async function burstImages(count: number, log: (message: string) => void): Promise<string[]> {
  const dir = join(tmpdir(), `event-photo-bench-burst-${BURST_WIDTH}x${BURST_HEIGHT}-${GENERATION}`);
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  let made = 0;
  for (let i = 0; i < count; i++) {
    const path = join(dir, `event-${String(i).padStart(4, '0')}.jpg`);
    paths.push(path);
    if (await stat(path).catch(() => null)) continue;
    if (made++ % 10 === 0) log(`making 12 MP test images (${i + 1}/${count}) in ${dir}`);
    // Written beside, then renamed: an interrupted run never leaves a half image to be reused.
    await writeFile(`${path}.part`, await photoLikeJpeg(BURST_WIDTH, BURST_HEIGHT, i + 1));
    await rename(`${path}.part`, path);
  }
  return paths;
}
