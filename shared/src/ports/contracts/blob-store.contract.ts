import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobInfo, BlobStore } from '../blob-store.port';

export interface BlobStoreFixture {
  store: BlobStore;
  teardown: () => Promise<void>;
}

/**
 * What every BlobStore must do, run against each adapter (the filesystem one here, Cloud Storage against its
 * emulator) so the embedded default cannot drift from production. Each test gets a fresh, empty bucket.
 */
export function blobStoreContract(name: string, setup: () => Promise<BlobStoreFixture>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    let teardown: () => Promise<void>;

    beforeEach(async () => {
      ({ store, teardown } = await setup());
    });

    afterEach(async () => {
      await teardown();
    });

    const jpeg = { contentType: 'image/jpeg' };

    describe('put and get', () => {
      it('when get is told the content type, then it streams the same bytes and answers that type', async () => {
        const bytes = Buffer.from('pretend this is a jpeg too');
        await store.put('images/k/original.jpg', bytes, jpeg);

        const object = await store.get('images/k/original.jpg', jpeg);

        expect(object).toMatchObject({
          key: 'images/k/original.jpg',
          bytes: bytes.length,
          contentType: 'image/jpeg',
        });
        expect(await readAll(object!.body)).toEqual(bytes);
        expect(await store.get('images/k/missing.jpg', jpeg)).toBeNull();
      });

      it('when a Buffer is put, then get streams back the same bytes with size and content type', async () => {
        const bytes = Buffer.from('pretend this is a jpeg');
        const info = await store.put('images/a/original.jpg', bytes, jpeg);

        expect(info).toEqual({
          key: 'images/a/original.jpg',
          bytes: bytes.length,
          contentType: 'image/jpeg',
        });
        const object = await store.get('images/a/original.jpg');
        expect(object).toMatchObject(info);
        expect(object!.body).toBeInstanceOf(Readable);
        expect(await readAll(object!.body)).toEqual(bytes);
      });

      it('when a stream of many chunks is put, then get returns them concatenated', async () => {
        const chunks = Array.from({ length: 64 }, (_, i) => Buffer.alloc(16 * 1024, i));
        const info = await store.put('images/b/original.png', Readable.from(chunks), {
          contentType: 'image/png',
        });

        const expected = Buffer.concat(chunks);
        expect(info).toEqual({
          key: 'images/b/original.png',
          bytes: expected.length,
          contentType: 'image/png',
        });
        const object = await store.get('images/b/original.png');
        expect(object?.bytes).toBe(expected.length);
        expect(object?.contentType).toBe('image/png');
        expect((await readAll(object!.body)).equals(expected)).toBe(true);
      });

      it('when an empty body is put, then the object exists with zero bytes', async () => {
        await store.put('empty', Buffer.alloc(0), { contentType: 'application/octet-stream' });

        const object = await store.get('empty');
        expect(object?.bytes).toBe(0);
        expect(await readAll(object!.body)).toEqual(Buffer.alloc(0));
      });

      it('when a key is missing, then get and stat answer null', async () => {
        expect(await store.get('images/nope.jpg')).toBeNull();
        expect(await store.stat('images/nope.jpg')).toBeNull();
      });

      it('when an object is put, then stat describes it without a body', async () => {
        await store.put('a/b.txt', Buffer.from('hello'), { contentType: 'text/plain' });

        expect(await store.stat('a/b.txt')).toEqual({ key: 'a/b.txt', bytes: 5, contentType: 'text/plain' });
      });

      it('when a key and a longer key through it are both put, then both exist', async () => {
        await store.put('a', Buffer.from('short'), jpeg);
        await store.put('a/b', Buffer.from('long'), jpeg);

        expect(await readAll((await store.get('a'))!.body)).toEqual(Buffer.from('short'));
        expect(await readAll((await store.get('a/b'))!.body)).toEqual(Buffer.from('long'));
      });
    });

    describe('no overwrite', () => {
      it('when the key exists, then put fails with BLOB.ALREADY_EXISTS and the first object stays intact', async () => {
        await store.put('images/c/original.jpg', Buffer.from('first'), jpeg);

        await expect(
          store.put('images/c/original.jpg', Buffer.from('second, longer'), { contentType: 'image/png' }),
        ).rejects.toMatchObject({ code: 'BLOB.ALREADY_EXISTS' });
        await expect(
          store.put('images/c/original.jpg', Readable.from([Buffer.from('third')]), {
            contentType: 'image/png',
          }),
        ).rejects.toMatchObject({ code: 'BLOB.ALREADY_EXISTS' });

        const object = await store.get('images/c/original.jpg');
        expect(object).toMatchObject({ bytes: 5, contentType: 'image/jpeg' });
        expect(await readAll(object!.body)).toEqual(Buffer.from('first'));
      });

      it('when puts race on one key, then exactly one wins and its bytes are the object', async () => {
        const bodies = Array.from({ length: 8 }, (_, i) => Buffer.from(`writer ${i} `.repeat(1000)));
        const results = await Promise.allSettled(bodies.map((b) => store.put('race', b, jpeg)));

        const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
        expect(won).toHaveLength(1);
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'BLOB.ALREADY_EXISTS' });
        }
        expect(await readAll((await store.get('race'))!.body)).toEqual(bodies[won[0]!]);
      });
    });

    describe('all or nothing', () => {
      it('when the source stream fails midway, then put rejects and no object is visible', async () => {
        const source = failingStream(
          [Buffer.from('partial '), Buffer.from('bytes')],
          new Error('client went away'),
        );

        await expect(store.put('images/d/original.jpg', source, jpeg)).rejects.toThrow('client went away');

        expect(await store.get('images/d/original.jpg')).toBeNull();
        expect(await store.stat('images/d/original.jpg')).toBeNull();
        expect(await collect(store.list(''))).toEqual([]);
      });

      it('when the source stream is destroyed midway, then put rejects and no object is visible', async () => {
        const source = new Readable({ read() {} });
        source.push(Buffer.from('some bytes'));
        setTimeout(() => source.destroy(), 10);

        await expect(store.put('images/e/original.jpg', source, jpeg)).rejects.toThrow();

        expect(await store.stat('images/e/original.jpg')).toBeNull();
      });

      it('when a put failed, then the same key can be put afterwards', async () => {
        await expect(
          store.put('retry-me', failingStream([Buffer.from('x')], new Error('boom')), jpeg),
        ).rejects.toThrow();

        await store.put('retry-me', Buffer.from('second try'), jpeg);

        expect(await readAll((await store.get('retry-me'))!.body)).toEqual(Buffer.from('second try'));
      });
    });

    describe('keys', () => {
      const invalid = [
        '',
        '/leading',
        'trailing/',
        'a//b',
        '.',
        '..',
        'a/./b',
        'a/../b',
        '../escape',
        'back\\slash',
        'nul\0byte',
        'with space',
        'colon:x',
        'tilde~',
        'hash#',
        'ünïcode',
        'x'.repeat(513),
        // A segment is capped at 200 characters: filesystems limit a name to 255 bytes.
        'y'.repeat(201),
        `a/${'y'.repeat(201)}/b`,
      ];

      it.each(invalid)(
        'when the key is %j, then every operation rejects it with BLOB.INVALID_KEY',
        async (key) => {
          const code = { code: 'BLOB.INVALID_KEY' };
          await expect(store.put(key, Buffer.from('x'), jpeg)).rejects.toMatchObject(code);
          await expect(store.get(key)).rejects.toMatchObject(code);
          await expect(store.stat(key)).rejects.toMatchObject(code);
          await expect(store.delete(key)).rejects.toMatchObject(code);
        },
      );

      it('when keys use every allowed character and the maximum lengths, then they are accepted', async () => {
        const longest = ['a'.repeat(200), 'b'.repeat(200), 'c'.repeat(110)].join('/');
        const keys = ['Az09._-/x', '.hidden/..dots/a.b', longest, 'x'.repeat(200), `${'d/'.repeat(100)}leaf`];
        expect(longest).toHaveLength(512);
        for (const key of keys) await store.put(key, Buffer.from(key), jpeg);

        for (const key of keys) expect(await readAll((await store.get(key))!.body)).toEqual(Buffer.from(key));
      });
    });

    describe('delete', () => {
      it('when an object is deleted, then it is gone and the key can be put again', async () => {
        await store.put('images/f/original.jpg', Buffer.from('old'), jpeg);

        await store.delete('images/f/original.jpg');

        expect(await store.get('images/f/original.jpg')).toBeNull();
        expect(await collect(store.list('images/'))).toEqual([]);
        await store.put('images/f/original.jpg', Buffer.from('new one'), { contentType: 'image/png' });
        expect(await store.stat('images/f/original.jpg')).toEqual({
          key: 'images/f/original.jpg',
          bytes: 7,
          contentType: 'image/png',
        });
      });

      it('when a key is deleted twice or never existed, then delete still succeeds', async () => {
        await store.put('twice', Buffer.from('x'), jpeg);

        await store.delete('twice');
        await store.delete('twice');
        await store.delete('never/was');

        expect(await store.stat('twice')).toBeNull();
      });

      it('when one key is deleted, then its neighbours remain', async () => {
        await store.put('n/1', Buffer.from('1'), jpeg);
        await store.put('n/2', Buffer.from('2'), jpeg);
        await store.put('n', Buffer.from('n'), jpeg);

        await store.delete('n/1');

        expect(await keys(store.list(''))).toEqual(['n', 'n/2']);
      });
    });

    describe('list', () => {
      const all = [
        'b',
        'a/b/c',
        'a0',
        'a',
        'a-b',
        'a/b',
        'ab',
        'a/c',
        'a.x',
        'a/b-c',
        'A',
        'images/z/1',
        'images/y/2',
      ];

      beforeEach(async () => {
        for (const [i, key] of all.entries()) {
          await store.put(key, Buffer.alloc(i + 1), { contentType: `test/${i}` });
        }
      });

      const sorted = (list: string[]) => [...list].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

      it('when listing everything, then every key comes once in lexical (byte) order with its info', async () => {
        const listed = await collect(store.list(''));

        expect(listed.map((i) => i.key)).toEqual(sorted(all));
        for (const info of listed) {
          const i = all.indexOf(info.key);
          expect(info).toEqual({
            key: info.key,
            bytes: i + 1,
            contentType: `test/${i}`,
            updatedAt: expect.any(Date),
          });
        }
      });

      it('when listing, then each object carries the time it was written', async () => {
        const before = Date.now();
        await store.put('images/x/3', Buffer.from('new'), { contentType: 'test/new' });
        const listed = await collect(store.list('images/x/'));
        expect(listed).toHaveLength(1);
        // Seconds of slack: a filesystem or a storage server may round the time it records.
        expect(listed[0]!.updatedAt.getTime()).toBeGreaterThan(before - 5_000);
        expect(listed[0]!.updatedAt.getTime()).toBeLessThan(Date.now() + 5_000);
      });

      it.each([
        ['a/', ['a/b', 'a/b-c', 'a/b/c', 'a/c']],
        ['a/b', ['a/b', 'a/b-c', 'a/b/c']],
        ['a/b/', ['a/b/c']],
        ['a', ['a', 'a-b', 'a.x', 'a/b', 'a/b-c', 'a/b/c', 'a/c', 'a0', 'ab']],
        ['images/', ['images/y/2', 'images/z/1']],
        ['images/z', ['images/z/1']],
        ['c', []],
        ['a/b/c/d', []],
      ])(
        'when listing prefix %j, then exactly the keys starting with it come in order',
        async (prefix, expected) => {
          expect(await keys(store.list(prefix))).toEqual(expected);
          expect(expected).toEqual(sorted(all.filter((k) => k.startsWith(prefix))));
        },
      );
    });
  });
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/** A source that yields `chunks` and then fails, like a client that disconnects during an upload. */
export function failingStream(chunks: Buffer[], error: Error): Readable {
  return Readable.from(
    (async function* () {
      for (const chunk of chunks) yield chunk;
      throw error;
    })(),
  );
}

async function collect<T extends BlobInfo>(list: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of list) items.push(item);
  return items;
}

async function keys(list: AsyncIterable<BlobInfo>): Promise<string[]> {
  return (await collect(list)).map((i) => i.key);
}
