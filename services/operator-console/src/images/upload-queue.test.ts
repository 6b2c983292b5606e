import { describe, expect, it } from 'vitest';
import { createUploadQueue, type SendImage, type UploadItem } from './upload-queue';

const file = (name: string) => new File([new Uint8Array(10)], name, { type: 'image/jpeg' });

/** A send whose calls the test settles one by one. */
function manualSend() {
  const calls: { item: UploadItem; signal: AbortSignal; settle: (ok: boolean) => void }[] = [];
  const send: SendImage = (item, onProgress, signal) =>
    new Promise((resolve, reject) => {
      onProgress(5, 10);
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      calls.push({
        item,
        signal,
        settle: (ok) =>
          resolve(
            ok
              ? { ok: true, imageId: `img_${item.file.name}` }
              : { ok: false, failure: { code: 'IMAGE.INVALID', requestId: 'r1' } },
          ),
      });
    });
  return { send, calls };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
let n = 0;
const ids = () => `id${++n}`;

describe('upload queue', () => {
  it('when files are added, then two are sent at once, each with its own progress, and the rest wait', async () => {
    const { send, calls } = manualSend();
    const queue = createUploadQueue(send, ids);
    queue.add([file('a'), file('b'), file('c')]);
    expect(queue.items.map((i) => i.state)).toEqual(['sending', 'sending', 'queued']);
    expect(queue.items[0]!.sent).toBe(5);
    calls[0]!.settle(true);
    await tick();
    expect(queue.items.map((i) => i.state)).toEqual(['done', 'sending', 'sending']);
    expect(queue.items[0]!.imageId).toBe('img_a');
  });

  it('when a send fails and is retried, then it goes again with the same idempotency key', async () => {
    const { send, calls } = manualSend();
    const queue = createUploadQueue(send, ids);
    queue.add([file('bad')]);
    calls[0]!.settle(false);
    await tick();
    expect(queue.items[0]).toMatchObject({ state: 'failed', failure: { code: 'IMAGE.INVALID' } });
    queue.retry(queue.items[0]!.id);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.item.idempotencyKey).toBe(calls[0]!.item.idempotencyKey);
  });

  it('when a sending file is cancelled, then its request is aborted, and a retry sends it again under its key', async () => {
    const { send, calls } = manualSend();
    const queue = createUploadQueue(send, ids);
    queue.add([file('a')]);
    queue.cancel(queue.items[0]!.id);
    expect(calls[0]!.signal.aborted).toBe(true);
    await tick();
    expect(queue.items[0]!.state).toBe('cancelled');
    queue.retry(queue.items[0]!.id);
    expect(calls[1]!.item.idempotencyKey).toBe(calls[0]!.item.idempotencyKey);
  });

  it('when a waiting file is cancelled, then it is never sent', async () => {
    const { send, calls } = manualSend();
    const queue = createUploadQueue(send, ids);
    queue.add([file('a'), file('b'), file('c')]);
    queue.cancel(queue.items[2]!.id);
    calls[0]!.settle(true);
    calls[1]!.settle(true);
    await tick();
    expect(calls).toHaveLength(2);
    expect(queue.items.map((i) => i.state)).toEqual(['done', 'done', 'cancelled']);
  });

  it('when files are added, stored, cancelled or refused, then the keeper forgets exactly those needing no resuming', async () => {
    const { send, calls } = manualSend();
    const kept = new Set<string>();
    const queue = createUploadQueue(send, ids, {
      keep: (i) => kept.add(i.id),
      forget: (id) => kept.delete(id),
    });
    queue.add([file('stored'), file('refused'), file('cancelled'), file('waiting')]);
    const [stored, refused, cancelled, waiting] = queue.items.map((i) => i.id);
    expect([...kept]).toEqual([stored, refused, cancelled, waiting]);
    calls[0]!.settle(true);
    calls[1]!.settle(false);
    await tick();
    queue.cancel(cancelled!);
    await tick();
    expect([...kept]).toEqual([waiting]);
    queue.retry(cancelled!);
    expect(kept.has(cancelled!)).toBe(true);
  });

  it('when kept files are resumed, then each is sent once under its own id and idempotency key', async () => {
    const { send, calls } = manualSend();
    const queue = createUploadQueue(send, ids);
    const kept = [{ id: 'k1', file: file('a'), idempotencyKey: 'key-1' }];
    queue.resume(kept);
    queue.resume(kept);
    expect(queue.items).toHaveLength(1);
    expect(calls.map((c) => [c.item.id, c.item.idempotencyKey])).toEqual([['k1', 'key-1']]);
  });
});
