/** Originals remembered at most (about 100 bytes each); the oldest is forgotten first, and checked again if asked. */
const DEFAULT_CAPACITY = 100_000;

/**
 * The blob keys of originals known to carry no personal metadata, so a redeem streams them as they are instead of
 * copying and inspecting them first. Learnt by this process from the first redeem of each original, once its check
 * has found nothing to strip (originals stored since uploads are stripped on the way in always pass; one stored
 * before is served stripped every time, and never enters). An original's blob key names one upload and is never
 * written again, so what is learnt of it stays true. Forgetting costs one check, never a leak.
 */
export class CleanOriginals {
  private readonly keys = new Set<string>();
  /** Checks under way, by blob key: a new photo opened by many phones at once is copied and checked once. */
  private readonly checks = new Map<string, Promise<unknown>>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  has(blobKey: string): boolean {
    return this.keys.has(blobKey);
  }

  /** The check of this original under way, if any: settled once its verdict is known (`has`). */
  pending(blobKey: string): Promise<unknown> | undefined {
    return this.checks.get(blobKey);
  }

  /** Registers `check` as the one under way for this original until it settles, and returns it. */
  checking<T>(blobKey: string, check: Promise<T>): Promise<T> {
    this.checks.set(blobKey, check);
    const done = () => void this.checks.delete(blobKey);
    check.then(done, done);
    return check;
  }

  add(blobKey: string): void {
    if (this.keys.has(blobKey)) return;
    if (this.keys.size >= this.capacity) this.keys.delete(this.keys.values().next().value!);
    this.keys.add(blobKey);
  }
}
