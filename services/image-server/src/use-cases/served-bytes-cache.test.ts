import { describe, expect, it } from 'vitest';
import { sha256Hex } from '@photo/shared/security/hashing';
import { ServedBytesCache } from './served-bytes-cache';

const objectOf = (blobKey: string, body: Buffer) => ({
  blobKey,
  sha256: sha256Hex(body),
  bytes: body.length,
});

/** A read that counts its calls. */
function reader(body: Buffer | null) {
  const read = async () => {
    read.calls++;
    return body;
  };
  read.calls = 0;
  return read;
}

describe('the cache of served image bytes', () => {
  it('when an image is served twice, then storage is read once and both get the same bytes', async () => {
    const cache = new ServedBytesCache(1000);
    const body = Buffer.alloc(100, 1);
    const read = reader(body);
    expect(await cache.get(objectOf('a', body), read)).toEqual(body);
    expect(await cache.get(objectOf('a', body), read)).toEqual(body);
    expect(read.calls).toBe(1);
    expect(cache.size).toBe(100);
  });

  it('when many redeems of an image miss at once, then they share one read', async () => {
    const cache = new ServedBytesCache(1000);
    const body = Buffer.alloc(100, 2);
    const read = reader(body);
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.get(objectOf('a', body), read)));
    expect(all.every((b) => b?.equals(body))).toBe(true);
    expect(read.calls).toBe(1);
  });

  it('when the bytes read do not match the record, then they are served as read and not kept', async () => {
    const cache = new ServedBytesCache(1000);
    const recorded = objectOf('a', Buffer.alloc(100, 3));
    const other = Buffer.alloc(100, 4);
    const read = reader(other);
    expect(await cache.get(recorded, read)).toEqual(other);
    await cache.get(recorded, read);
    expect(read.calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('when the record names another hash for the same key, then the old bytes are not served', async () => {
    const cache = new ServedBytesCache(1000);
    const first = Buffer.alloc(100, 5);
    const second = Buffer.alloc(100, 6);
    await cache.get(objectOf('a', first), reader(first));
    expect(await cache.get(objectOf('a', second), reader(second))).toEqual(second);
  });

  it('when the object is missing, then null and nothing is kept', async () => {
    const cache = new ServedBytesCache(1000);
    expect(await cache.get(objectOf('a', Buffer.alloc(10)), reader(null))).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('when the budget is full, then the least recently served image is forgotten first', async () => {
    const cache = new ServedBytesCache(800, 300);
    const bodies = [1, 2, 3].map((n) => Buffer.alloc(300, n));
    const [a, b, c] = bodies.map((body, i) => ({ object: objectOf(`k${i}`, body), read: reader(body) }));
    await cache.get(a!.object, a!.read);
    await cache.get(b!.object, b!.read);
    await cache.get(a!.object, a!.read); // a is now the most recent
    await cache.get(c!.object, c!.read); // 900 > 800: b goes
    expect(cache.size).toBe(600);
    await cache.get(a!.object, a!.read);
    await cache.get(b!.object, b!.read);
    expect([a!.read.calls, b!.read.calls, c!.read.calls]).toEqual([1, 2, 1]);
  });

  it('when an image is larger than an entry may be, or the budget is zero, then it is never accepted', () => {
    expect(new ServedBytesCache(8000, 300).accepts({ blobKey: 'a', sha256: 'x', bytes: 301 })).toBe(false);
    expect(new ServedBytesCache(0).accepts({ blobKey: 'a', sha256: 'x', bytes: 1 })).toBe(false);
    expect(new ServedBytesCache(8000).accepts({ blobKey: 'a', sha256: 'x', bytes: 1000 })).toBe(true);
  });
});
