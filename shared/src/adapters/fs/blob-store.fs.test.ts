import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobStoreContract, failingStream, readAll } from '../../ports/contracts/blob-store.contract';
import { FsBlobStore } from './blob-store.fs';

const tempRoot = () => mkdtemp(join(tmpdir(), 'blob-store-'));

blobStoreContract('FsBlobStore', async () => {
  const root = await tempRoot();
  return { store: new FsBlobStore(root), teardown: () => rm(root, { recursive: true, force: true }) };
});

describe('FsBlobStore on disk', () => {
  let root: string;
  let store: FsBlobStore;
  const jpeg = { contentType: 'image/jpeg' };

  beforeEach(async () => {
    root = await tempRoot();
    store = new FsBlobStore(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Every file under root, relative, sorted. */
  async function files(): Promise<string[]> {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
      .sort();
  }

  it('when the root does not exist, then the constructor creates it', async () => {
    const nested = join(root, 'deep', 'bucket');

    await new FsBlobStore(nested).put('k', Buffer.from('x'), jpeg);

    expect(await readdir(nested)).toEqual(expect.arrayContaining(['objects', '.tmp']));
  });

  it('when a source stream fails, then no temp file, object or sidecar is left behind', async () => {
    await expect(
      store.put('a/b', failingStream([Buffer.alloc(64 * 1024)], new Error('boom')), jpeg),
    ).rejects.toThrow('boom');

    expect(await files()).toEqual([]);
  });

  it('when a put succeeds, then only the object and its sidecar remain', async () => {
    await store.put('a/b', Readable.from([Buffer.from('hello')]), jpeg);

    expect(await files()).toEqual([
      expect.stringMatching(/^objects\/a~\/b$/),
      expect.stringMatching(/^objects\/a~\/b#\d+\.json$/),
    ]);
  });

  it('when a put hits an existing key, then its temp file and its sidecar are removed', async () => {
    await store.put('a/b', Buffer.from('first'), jpeg);
    const before = await files();

    await expect(store.put('a/b', Buffer.from('second'), { contentType: 'image/png' })).rejects.toMatchObject(
      {
        code: 'BLOB.ALREADY_EXISTS',
      },
    );

    expect(await files()).toEqual(before);
  });

  it('when an object is deleted, then its sidecar goes too', async () => {
    await store.put('a/b', Buffer.from('x'), jpeg);

    await store.delete('a/b');

    expect(await files()).toEqual([]);
  });

  it('when a store is reopened on the same root, then the objects are still there', async () => {
    await store.put('images/1/original.jpg', Buffer.from('kept'), jpeg);

    const reopened = new FsBlobStore(root);

    const object = await reopened.get('images/1/original.jpg');
    expect(object?.contentType).toBe('image/jpeg');
    expect(await readAll(object!.body)).toEqual(Buffer.from('kept'));
  });

  it('when stray files sit in the tree (crash leftovers), then list ignores them and put is not blocked', async () => {
    await store.put('a/b', Buffer.from('x'), jpeg);
    await writeFile(join(root, '.tmp', 'left-over'), 'half an upload');
    await writeFile(join(root, 'objects', 'a~', 'c#12345.json'), '{"contentType":"orphan/sidecar"}');
    await writeFile(join(root, 'objects', 'not-a-key dir file'), 'x');

    const listed = [];
    for await (const info of store.list('')) listed.push(info.key);

    expect(listed).toEqual(['a/b']);
    await store.put('a/c', Buffer.from('y'), jpeg);
    expect((await store.stat('a/c'))?.contentType).toBe('image/jpeg');
  });

  it('when an object is read, then get hands back a file stream, not a buffer in memory', async () => {
    await store.put('big', Buffer.alloc(1024 * 1024, 7), jpeg);

    const object = await store.get('big');

    expect(object?.body).toBeInstanceOf(Readable);
    expect(object?.body.readableHighWaterMark).toBeLessThan(1024 * 1024);
    expect((await readAll(object!.body)).length).toBe(1024 * 1024);
  });
});
