import { afterEach, describe, expect, it } from 'vitest';
import { PooledImageClusterer } from './image-clusterer.pool';

const request = (k: number) => ({
  source: '/nonexistent',
  dest: '/nonexistent.png',
  k,
  sampleSide: 64,
  maxPixels: 1,
});

describe('PooledImageClusterer', () => {
  let pool: PooledImageClusterer | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  it('when its thread dies mid-task, then the call fails and the next one runs on a new thread', async () => {
    pool = new PooledImageClusterer({ threads: 1, entry: 'failing.worker-fixture' });
    await expect(pool.clusterToPng(request(1))).rejects.toThrow();
    await expect(pool.clusterToPng(request(2))).rejects.toThrow('thrown in the thread');
  });

  it('when a task outlasts the timeout, then the call fails instead of hanging', async () => {
    pool = new PooledImageClusterer({ threads: 1, entry: 'failing.worker-fixture', taskTimeoutMs: 300 });
    await expect(pool.clusterToPng(request(3))).rejects.toThrow(/abort/i);
  });

  it('when it is closed, then a later call fails at once', async () => {
    pool = new PooledImageClusterer({ threads: 1 });
    await pool.close();
    await expect(pool.clusterToPng(request(4))).rejects.toThrow('closed');
  });
});
