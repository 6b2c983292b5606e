import { errors } from '../errors/errors';

/** What a refused upload is told to wait (Retry-After): a slot frees when one upload is stored, seconds at most. */
const RETRY_AFTER_SECONDS = 5;

/** Gives the slot back; safe to call twice. */
export type ReleaseSlot = () => void;

/**
 * Bounds what an instance spools to its temp directory, which is memory on Cloud Run: at most `slots` holders at
 * once, each owning at most one upload's files. Others wait in arrival order, without reading their bodies, for at
 * most `waitMs`; then SERVICE.UNAVAILABLE (503) with Retry-After, and the caller retries. docs/scaling.md has the figures.
 * With `maxWaiting`, one more than that many waiting is refused the same way at once: even an unread body holds a
 * socket and its first buffers, so a burst of any size costs at most `slots + maxWaiting` of them.
 */
export class SpoolSlots {
  private busy = 0;
  private highWater = 0;
  private readonly waiting: { grant: () => void }[] = [];

  constructor(
    readonly slots: number,
    private readonly waitMs: number,
    private readonly maxWaiting = Infinity,
  ) {
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError('slots must be a positive integer');
    if (maxWaiting !== Infinity && (!Number.isInteger(maxWaiting) || maxWaiting < 0))
      throw new RangeError('maxWaiting must be a non-negative integer');
  }

  /** The most slots ever held at once. */
  get peak(): number {
    return this.highWater;
  }

  async acquire(): Promise<ReleaseSlot> {
    if (this.busy < this.slots) return this.take();
    if (this.waiting.length >= this.maxWaiting) {
      throw errors.unavailable(
        `Every upload slot of this instance is busy and ${this.maxWaiting} more uploads wait: try again.`,
        RETRY_AFTER_SECONDS,
      );
    }
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const entry = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.take());
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        reject(
          errors.unavailable(
            `Every upload slot of this instance stayed busy for ${Math.round(this.waitMs / 1000)} s: try again.`,
            RETRY_AFTER_SECONDS,
          ),
        );
      }, this.waitMs);
      this.waiting.push(entry);
    });
  }

  /** Runs `work` holding a slot. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  private take(): ReleaseSlot {
    this.busy += 1;
    this.highWater = Math.max(this.highWater, this.busy);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy -= 1;
      // In the same tick: the next in line takes the slot before any newcomer can.
      this.waiting.shift()?.grant();
    };
  }
}
