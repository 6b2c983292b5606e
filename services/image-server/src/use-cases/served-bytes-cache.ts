import { sha256Hex } from '@photo/shared/security/hashing';

/** An image larger than this is always streamed from storage: a few big ones would push out many phone-sized ones. */
export const MAX_CACHED_IMAGE_BYTES = 2 * 1024 * 1024;

/** What a cache entry stands for: one stored object and the hash its record gives it. */
export interface CachedObject {
  blobKey: string;
  sha256: string;
  bytes: number;
}

/**
 * The bytes of recently served images, kept in memory up to a byte budget (least recently served forgotten first),
 * so a redeem answers with one write instead of opening, reading and closing the object each time. Safe because a
 * stored version is immutable: an entry is found only by its blob key and the SHA-256 its record names, and it holds
 * only bytes whose hash was checked against that record when they were read. A record deleted, or a key written
 * again with other bytes, is never served from here: the redeem reads the record first, and another hash misses.
 * nginx's open_file_cache and a Varnish in front of a bucket do the same for the same reason.
 */
export class ServedBytesCache {
  private readonly entries = new Map<string, Buffer>();
  /** Reads under way: concurrent misses of one image share one read. */
  private readonly filling = new Map<string, Promise<Buffer | null>>();
  private held = 0;

  constructor(
    private readonly budgetBytes: number,
    private readonly maxEntryBytes = Math.min(MAX_CACHED_IMAGE_BYTES, Math.floor(budgetBytes / 8)),
  ) {}

  /** Bytes held now: never above the budget. */
  get size(): number {
    return this.held;
  }

  /** Whether an object of this size is ever kept. */
  accepts(object: CachedObject): boolean {
    return object.bytes > 0 && object.bytes <= this.maxEntryBytes;
  }

  /**
   * The object's bytes, from memory or from `read` (then kept when their length and hash match the record). Null
   * when `read` finds nothing. Bytes that do not match are returned as read, and not kept.
   */
  async get(object: CachedObject, read: () => Promise<Buffer | null>): Promise<Buffer | null> {
    const id = `${object.blobKey}\n${object.sha256}`;
    const hit = this.entries.get(id);
    if (hit) {
      this.entries.delete(id); // to the most recent end
      this.entries.set(id, hit);
      return hit;
    }
    let fill = this.filling.get(id);
    if (!fill) {
      fill = read().then((body) => {
        if (body && body.length === object.bytes && sha256Hex(body) === object.sha256) this.keep(id, body);
        return body;
      });
      this.filling.set(id, fill);
      void fill.finally(() => this.filling.delete(id)).catch(() => undefined);
    }
    return fill;
  }

  private keep(id: string, body: Buffer): void {
    if (body.length > this.maxEntryBytes || this.entries.has(id)) return;
    for (const [oldest, bytes] of this.entries) {
      if (this.held + body.length <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.held -= bytes.length;
    }
    this.entries.set(id, body);
    this.held += body.length;
  }
}
