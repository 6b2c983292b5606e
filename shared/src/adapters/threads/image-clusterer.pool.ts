import { Piscina } from 'piscina';
import type { ClusterRequest, ClusterResult, ImageClusterer } from '../../ports/image-clusterer.port';
import { workerEntry } from './worker-entry';

export interface ImageClustererPoolOptions {
  /** Worker threads (at least 1). */
  threads: number;
  /**
   * A task still running after this long is cut off, its thread replaced, and the call fails (so the delivery is
   * retried rather than held forever). 12 MP takes about a second on a quiet core; the bound is for a thread stuck.
   */
  taskTimeoutMs?: number;
  /** The entry module beside this one (tests give one that fails on purpose). */
  entry?: string;
}

/**
 * Clusters in a pool of worker threads (piscina), so k-means, the pixel mapping and the PNG encoding never hold the
 * event loop the servers answer on. The threads start on the first image, not before: every service's adapters hold
 * a clusterer, and only the ones that cluster should pay for threads. An error or crash in a thread fails that call
 * only; piscina replaces a thread that died.
 */
export class PooledImageClusterer implements ImageClusterer {
  private pool: Piscina<ClusterRequest, ClusterResult> | null = null;
  private closed = false;
  private readonly taskTimeoutMs: number;

  constructor(private readonly options: ImageClustererPoolOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1)
      throw new RangeError(`a pool needs at least one thread, got ${options.threads}`);
    this.taskTimeoutMs = options.taskTimeoutMs ?? 300_000;
  }

  async clusterToPng(request: ClusterRequest): Promise<ClusterResult> {
    if (this.closed) throw new Error('the image clusterer is closed');
    this.pool ??= new Piscina({
      ...workerEntry(this.options.entry ?? 'image-clusterer.worker'),
      name: 'default',
      minThreads: this.options.threads,
      maxThreads: this.options.threads,
      // Threads stay once started: each loads sharp and the colour code, which costs more than an idle thread.
      idleTimeout: Number.MAX_SAFE_INTEGER,
      // Below the servers' thread: when the cores are all busy, answering a request comes before clustering.
      niceIncrement: NICE_INCREMENT,
    });
    return this.pool.run(request, { signal: AbortSignal.timeout(this.taskTimeoutMs) });
  }

  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }
}

/** Enough that a request's few milliseconds go first; small enough that a busy machine still gives the pool a share. */
const NICE_INCREMENT = 5;
