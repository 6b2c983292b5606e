import { randomUUID } from 'node:crypto';
import { mkdirSync, type Dirent } from 'node:fs';
import { link, mkdir, open, readdir, readFile, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertValidKey, blobErrors, isSegment, MAX_KEY_LENGTH } from '../../ports/blob-key';
import type { BlobInfo, BlobListing, BlobObject, BlobStore } from '../../ports/blob-store.port';

const MIN_READ_CHUNK = 64 * 1024;
const MAX_READ_CHUNK = 512 * 1024;

/**
 * The embedded bucket: one directory. Layout under `root`:
 * - `objects/`: a key `a/b/c` is the file `objects/a~/b~/c`. Directories carry a `~` (not a key character) so a
 *   key and a longer key through it (`a` and `a/b`) can coexist, as they do in Cloud Storage.
 * - beside each object, `c#<inode>.json` holds its content type. Naming the sidecar after the inode lets it be
 *   written before the object appears (the link keeps the inode) without ever touching another put's sidecar.
 * - `.tmp/`: bodies being written, on the same filesystem so that `link` can publish them.
 * An object is visible once `link` has given it its name: atomically, and never over an existing object.
 */
export class FsBlobStore implements BlobStore {
  private readonly objects: string;
  private readonly tmp: string;

  constructor(root: string) {
    this.objects = join(root, 'objects');
    this.tmp = join(root, '.tmp');
    mkdirSync(this.objects, { recursive: true });
    mkdirSync(this.tmp, { recursive: true });
  }

  async put(key: string, body: Readable | Buffer, meta: { contentType: string }): Promise<BlobInfo> {
    const path = this.pathOf(key);
    const temp = join(this.tmp, randomUUID());
    let sidecar: string | null = null;
    try {
      const { bytes, inode } = await writeDurably(temp, body);
      await mkdir(dirname(path), { recursive: true });
      sidecar = sidecarOf(path, inode);
      await writeSidecar(sidecar, { contentType: meta.contentType });
      try {
        await link(temp, path);
      } catch (err) {
        if (codeOf(err) === 'EEXIST') throw blobErrors.exists(key);
        throw err;
      }
      sidecar = null; // it belongs to the published object now
      await syncDirectory(dirname(path));
      return { key, bytes, contentType: meta.contentType };
    } finally {
      // Best effort: a cleanup failure must not hide why the put failed. The temp name goes even on success.
      if (sidecar) await unlinkIfPresent(sidecar).catch(() => undefined);
      await unlinkIfPresent(temp).catch(() => undefined);
    }
  }

  async get(key: string, known?: { contentType: string }): Promise<BlobObject | null> {
    const path = this.pathOf(key);
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
    try {
      // Read through the open handle: a delete after this point does not cut the stream short.
      const s = await handle.stat({ bigint: true });
      // A caller that knows the content type spares the sidecar read: the object is visible, so it was complete.
      const info = known
        ? { key, bytes: Number(s.size), contentType: known.contentType }
        : await this.describe(key, path, s);
      if (!info) {
        await handle.close();
        return null;
      }
      // Read in as few chunks as the object allows (an image is one or a few reads, not one per 64 KiB).
      const highWaterMark = Math.min(MAX_READ_CHUNK, Math.max(MIN_READ_CHUNK, info.bytes));
      return { ...info, body: handle.createReadStream({ highWaterMark }) };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async stat(key: string): Promise<BlobInfo | null> {
    const path = this.pathOf(key);
    try {
      return await this.describe(key, path, await stat(path, { bigint: true }));
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    let inode: bigint;
    try {
      inode = (await stat(path, { bigint: true })).ino;
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    // The sidecar first: while the object still holds its inode, no concurrent put can reuse that inode and have
    // its fresh sidecar removed here. A crash in between leaves an invisible object that a new delete removes.
    await unlinkIfPresent(sidecarOf(path, inode));
    await unlinkIfPresent(path);
  }

  async *list(prefix: string): AsyncIterable<BlobListing> {
    // A prefix need not end on a segment boundary: `images/ab` matches `images/abc/x`.
    if (prefix.length > MAX_KEY_LENGTH || !/^[A-Za-z0-9._\-/]*$/.test(prefix)) return;
    const parts = prefix.split('/');
    parts.pop(); // the partial last segment is matched by name below
    if (!parts.every(isSegment)) return;
    const start = join(this.objects, ...parts.map((p) => `${p}~`));
    yield* this.walk(start, parts.map((p) => `${p}/`).join(''), prefix);
  }

  /** Depth-first in lexical key order: a directory `x~` sorts as `x/`, which is where all its keys sort. */
  private async *walk(dir: string, keyPrefix: string, prefix: string): AsyncGenerator<BlobListing> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    const items: { sortKey: string; path: string; directory: boolean }[] = [];
    for (const entry of entries) {
      const directory = entry.isDirectory();
      const segment = directory && entry.name.endsWith('~') ? entry.name.slice(0, -1) : entry.name;
      if (!isSegment(segment) || (directory && segment === entry.name)) continue; // sidecars, strays
      const sortKey = keyPrefix + segment + (directory ? '/' : '');
      const relevant = directory
        ? sortKey.startsWith(prefix) || prefix.startsWith(sortKey)
        : sortKey.startsWith(prefix);
      if (relevant) items.push({ sortKey, path: join(dir, entry.name), directory });
    }
    items.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    for (const item of items) {
      if (item.directory) {
        yield* this.walk(item.path, item.sortKey, prefix);
        continue;
      }
      const info = await this.listing(item.sortKey, item.path); // null when deleted meanwhile
      if (info) yield info;
    }
  }

  private async listing(key: string, path: string): Promise<BlobListing | null> {
    try {
      const s = await stat(path, { bigint: true });
      const info = await this.describe(key, path, s);
      return info ? { ...info, updatedAt: new Date(Number(s.mtimeMs)) } : null;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  private async describe(
    key: string,
    path: string,
    s: { ino: bigint; size: bigint },
  ): Promise<BlobInfo | null> {
    const meta = await readSidecar(sidecarOf(path, s.ino));
    return meta ? { key, bytes: Number(s.size), contentType: meta.contentType } : null;
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const segments = key.split('/');
    const name = segments.pop()!;
    return join(this.objects, ...segments.map((s) => `${s}~`), name);
  }
}

async function writeDurably(
  path: string,
  body: Readable | Buffer,
): Promise<{ bytes: number; inode: bigint }> {
  const handle = await open(path, 'wx');
  try {
    let bytes = 0;
    if (Buffer.isBuffer(body)) {
      await handle.writeFile(body);
      bytes = body.length;
    } else {
      // A source that errors or is destroyed makes the loop throw; the caller then removes the temp file.
      for await (const chunk of body) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        await handle.write(buffer);
        bytes += buffer.length;
      }
    }
    await handle.sync();
    return { bytes, inode: (await handle.stat({ bigint: true })).ino };
  } finally {
    await handle.close();
  }
}

interface Sidecar {
  contentType: string;
}

const sidecarOf = (path: string, inode: bigint): string => `${path}#${inode}.json`;

async function writeSidecar(path: string, sidecar: Sidecar): Promise<void> {
  // An orphan from a crashed put may hold this name (inodes are reused); it is garbage, so overwrite it.
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(JSON.stringify(sidecar));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readSidecar(path: string): Promise<Sidecar | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Sidecar;
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

/** Makes a new name durable. Best effort: some platforms cannot open a directory. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // the data itself is already synced; only the name's durability is at stake
  } finally {
    await handle?.close();
  }
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (err) {
    if (!isMissing(err)) throw err;
  }
}

const codeOf = (err: unknown): unknown => (err as NodeJS.ErrnoException | null)?.code;
const isMissing = (err: unknown): boolean => codeOf(err) === 'ENOENT' || codeOf(err) === 'ENOTDIR';
