import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openUploadStore, type StoredUpload, type UploadStore } from './upload.store';

let seq = 0;
const opened: UploadStore[] = [];
const open = async (name: string) => {
  const store = await openUploadStore(name);
  opened.push(store);
  return store;
};
const upload = (id: string, owner: string, addedAt: number): StoredUpload => ({
  id,
  owner,
  file: new File([new Uint8Array([1, 2, 3])], `${id}.jpg`, { type: 'image/jpeg' }),
  idempotencyKey: `key-${id}`,
  addedAt,
});

afterEach(() => opened.splice(0).forEach((s) => s.close()));

describe('the upload store', () => {
  it('when uploads are kept and the page reopens, then the owner gets theirs back oldest first, file and key intact', async () => {
    const name = `uploads-test-${++seq}`;
    const first = await open(name);
    await first.keep(upload('b', 'dev|operator', 2));
    await first.keep(upload('a', 'dev|operator', 1));
    await first.keep(upload('c', 'dev|other', 3));
    first.close();
    const again = await open(name);
    const pending = await again.pending('dev|operator');
    expect(pending.map((u) => [u.id, u.idempotencyKey])).toEqual([
      ['a', 'key-a'],
      ['b', 'key-b'],
    ]);
    expect(pending[0]!.file.name).toBe('a.jpg');
    expect(pending[0]!.file.type).toBe('image/jpeg');
    expect(new Uint8Array(await pending[0]!.file.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('when an upload is forgotten, then it is not resumed', async () => {
    const store = await open(`uploads-test-${++seq}`);
    await store.keep(upload('a', 'o', 1));
    await store.forget('a');
    await store.forget('never-kept');
    expect(await store.pending('o')).toEqual([]);
  });
});
