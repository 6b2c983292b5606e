import type { UploadKeeper } from './upload-queue';
import { openUploadStore, type StoredUpload, type UploadStore } from './upload.store';

/**
 * The upload queue's keeper over IndexedDB for one operator: files are written as they are added and forgotten once
 * stored, so what was waiting when the page went away (a reload, a login round trip) can be resumed. Without
 * IndexedDB (a private window that refuses it) uploads still work, only not across a reload.
 */
export function persistentKeeper(owner: string): UploadKeeper & { pending(): Promise<StoredUpload[]> } {
  let opened: Promise<UploadStore | null> | null = null;
  const store = () =>
    (opened ??= openUploadStore().catch((err: unknown) => {
      console.error(err);
      return null;
    }));
  const run = (work: (s: UploadStore) => Promise<unknown>) =>
    void store()
      .then((s) => s && work(s))
      .catch((err: unknown) => console.error(err));
  return {
    keep: (item) =>
      run((s) =>
        s.keep({
          id: item.id,
          owner,
          file: item.file,
          idempotencyKey: item.idempotencyKey,
          addedAt: Date.now(),
        }),
      ),
    forget: (id) => run((s) => s.forget(id)),
    pending: async () => (await store())?.pending(owner) ?? [],
  };
}
