import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openOutboxStore, type NewShot, type OutboxStore } from './outbox.store';

let seq = 0;
const opened: OutboxStore[] = [];
const freshName = () => `outbox-test-${++seq}`;

async function open(name: string): Promise<OutboxStore> {
  const store = await openOutboxStore(name);
  opened.push(store);
  return store;
}

function shot(id: string, createdAt: number, bytes = [0xff, 0xd8, 0xff, id.length]): NewShot {
  return {
    id,
    idempotencyKey: `key-${id}-0123456789`,
    visitorId: 'v_0123456789abcdefghij',
    qr: 'PQR1.v_0123456789abcdefghij.99.mac',
    participantName: 'Hanako',
    expectedVersion: 0,
    image: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }),
    createdAt,
  };
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

describe('outbox store', () => {
  it('when a shot is added, then it is pending with its image, key and no attempts', async () => {
    const store = await open(freshName());
    await store.add(shot('a', 1));
    const stored = await store.get('a');
    expect(stored).toMatchObject({
      state: 'pending',
      attempts: 0,
      lastError: null,
      idempotencyKey: 'key-a-0123456789',
      version: null,
    });
    expect(new Uint8Array(await stored!.image.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 1]));
    expect(stored!.image.type).toBe('image/jpeg');
  });

  it('when the database is reopened (a reload, a closed tab), then the shots and their images are still there', async () => {
    const name = freshName();
    const first = await open(name);
    await first.add(shot('a', 1));
    await first.update('a', { state: 'failed', attempts: 3, lastError: 'NETWORK' });
    first.close();

    const again = await open(name);
    const stored = await again.get('a');
    expect(stored).toMatchObject({ state: 'failed', attempts: 3, lastError: 'NETWORK' });
    expect(stored!.image.size).toBe(4);
  });

  it('when the same id is added twice, then the second add fails and the first photo is kept', async () => {
    const store = await open(freshName());
    await store.add(shot('a', 1, [1]));
    await expect(store.add(shot('a', 2, [2, 2]))).rejects.toThrow();
    expect((await store.get('a'))!.image.size).toBe(1);
  });

  it('when shots are listed, then they come oldest first and can be filtered by state', async () => {
    const store = await open(freshName());
    await store.add(shot('late', 30));
    await store.add(shot('early', 10));
    await store.add(shot('middle', 20));
    await store.update('middle', { state: 'done', version: 1 });
    expect((await store.list()).map((s) => s.id)).toEqual(['early', 'middle', 'late']);
    expect((await store.inState('pending', 'uploading')).map((s) => s.id)).toEqual(['early', 'late']);
  });

  it('when counted, then waiting is pending plus uploading', async () => {
    const store = await open(freshName());
    await store.add(shot('a', 1));
    await store.add(shot('b', 2));
    await store.add(shot('c', 3));
    await store.add(shot('d', 4));
    await store.update('b', { state: 'uploading' });
    await store.update('c', { state: 'conflict', currentVersion: 2 });
    await store.update('d', { state: 'done', version: 1 });
    expect(await store.counts()).toEqual({
      pending: 1,
      uploading: 1,
      failed: 0,
      conflict: 1,
      done: 1,
      waiting: 2,
    });
  });

  it('when a shot that was discarded is updated, then nothing is written back', async () => {
    const store = await open(freshName());
    await store.add(shot('a', 1));
    await store.remove('a');
    expect(await store.update('a', { state: 'done' })).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });

  it('when done shots are pruned, then only old done ones go', async () => {
    const store = await open(freshName());
    await store.add(shot('old-done', 1));
    await store.add(shot('new-done', 100));
    await store.add(shot('old-pending', 2));
    await store.update('old-done', { state: 'done' });
    await store.update('new-done', { state: 'done' });
    expect(await store.pruneDone(50)).toBe(1);
    expect((await store.list()).map((s) => s.id)).toEqual(['old-pending', 'new-done']);
  });

  it('when something changes, then listeners in this tab and in another tab hear of it', async () => {
    const name = freshName();
    const here = await open(name);
    const there = await open(name);
    let heardHere = 0;
    const heardThere = new Promise<void>((resolve) => there.subscribe(resolve));
    const unsubscribe = here.subscribe(() => heardHere++);
    await here.add(shot('a', 1));
    await heardThere;
    expect(heardHere).toBe(1);
    unsubscribe();
    await here.remove('a');
    expect(heardHere).toBe(1);
  });
});
