import type { CallFailure } from '../app/call';

export type UploadState = 'queued' | 'sending' | 'done' | 'failed' | 'cancelled';

export interface UploadItem {
  id: string;
  file: File;
  /** Made when the file is added and kept through every retry: the server stores the file once whatever happens. */
  idempotencyKey: string;
  state: UploadState;
  sent: number;
  total: number;
  imageId: string | null;
  failure: CallFailure | null;
}

/** Sends one file; rejects with an AbortError when `signal` aborts. */
export type SendImage = (
  item: UploadItem,
  onProgress: (sent: number, total: number) => void,
  signal: AbortSignal,
) => Promise<{ ok: true; imageId: string } | { ok: false; failure: CallFailure }>;

/**
 * Where the queue keeps what is not uploaded yet, so a reload or a login round trip resumes it (upload.store.ts):
 * told of each file added, and of each one that needs no resuming (stored, cancelled, or refused for what it is).
 */
export interface UploadKeeper {
  keep(item: UploadItem): void;
  forget(id: string): void;
}

/** A file the server refused for what it is (not an image, too large, a bad request) fails the same way again. */
export function worthRetrying(item: Pick<UploadItem, 'failure'>): boolean {
  const code = item.failure?.code ?? null;
  return code === null || !/^(IMAGE|REQUEST)\./.test(code);
}

const needsNoResuming = (item: UploadItem) =>
  item.state === 'done' || item.state === 'cancelled' || (item.state === 'failed' && !worthRetrying(item));

/** Files sent at once: enough to keep the line busy, few enough that each one's progress means something. */
const PARALLEL = 2;

/**
 * The event images being uploaded, one request per file so each has its own progress, cancel and retry. Listeners
 * hear every change; the screen renders `items`.
 */
export function createUploadQueue(
  send: SendImage,
  newId: () => string = () => crypto.randomUUID(),
  keeper?: UploadKeeper,
) {
  let items: UploadItem[] = [];
  const controllers = new Map<string, AbortController>();
  const listeners = new Set<() => void>();

  const update = (id: string, change: Partial<UploadItem>) => {
    items = items.map((i) => (i.id === id ? { ...i, ...change } : i));
    const item = items.find((i) => i.id === id);
    if (item && needsNoResuming(item)) keeper?.forget(id);
    else if (item && change.state === 'queued') keeper?.keep(item);
    listeners.forEach((l) => l());
  };

  const enqueue = (entries: Iterable<{ id: string; file: File; idempotencyKey: string }>) => {
    for (const { id, file, idempotencyKey } of entries) {
      if (items.some((i) => i.id === id)) continue;
      const item: UploadItem = {
        id,
        file,
        idempotencyKey,
        state: 'queued',
        sent: 0,
        total: file.size,
        imageId: null,
        failure: null,
      };
      items = [...items, item];
      keeper?.keep(item);
    }
    listeners.forEach((l) => l());
    pump();
  };

  function pump() {
    while (controllers.size < PARALLEL) {
      const next = items.find((i) => i.state === 'queued');
      if (!next) return;
      const controller = new AbortController();
      controllers.set(next.id, controller);
      update(next.id, { state: 'sending', sent: 0, failure: null });
      void send(next, (sent, total) => update(next.id, { sent, total }), controller.signal)
        .then(
          (result) =>
            result.ok
              ? update(next.id, { state: 'done', imageId: result.imageId, sent: next.total })
              : update(next.id, { state: 'failed', failure: result.failure }),
          (err: unknown) => {
            if (err instanceof DOMException && err.name === 'AbortError')
              update(next.id, { state: 'cancelled' });
            else update(next.id, { state: 'failed', failure: { code: null, requestId: null } });
          },
        )
        .finally(() => {
          controllers.delete(next.id);
          pump();
        });
    }
  }

  return {
    get items(): readonly UploadItem[] {
      return items;
    },
    add(files: Iterable<File>) {
      enqueue([...files].map((file) => ({ id: newId(), file, idempotencyKey: newId() })));
    },
    /** Files kept from before a reload or a login, sent again under their own ids and idempotency keys. */
    resume(kept: Iterable<{ id: string; file: File; idempotencyKey: string }>) {
      enqueue(kept);
    },
    cancel(id: string) {
      const controller = controllers.get(id);
      if (controller) controller.abort();
      else if (items.find((i) => i.id === id)?.state === 'queued') update(id, { state: 'cancelled' });
    },
    /** Sends a failed or cancelled file again, under the same idempotency key. */
    retry(id: string) {
      const item = items.find((i) => i.id === id);
      if (item && (item.state === 'failed' || item.state === 'cancelled')) {
        update(id, { state: 'queued' });
        pump();
      }
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type UploadQueue = ReturnType<typeof createUploadQueue>;
