import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * An event image waiting to be uploaded, kept with its idempotency key until the server has it: a reload or a login
 * round trip (the session ended mid-upload) resumes it, and the key makes the server store it once whatever happens.
 */
export interface StoredUpload {
  id: string;
  /** Whose queue it is (the token subject): another operator on this browser does not send it. */
  owner: string;
  file: File;
  idempotencyKey: string;
  addedAt: number;
}

/** As kept: the bytes as a Blob and the name beside them (not every structured clone keeps a File's name). */
interface UploadRow extends Omit<StoredUpload, 'file'> {
  bytes: Blob;
  name: string;
}

export interface UploadStore {
  /** The owner's uploads not yet stored by the server, oldest first. */
  pending(owner: string): Promise<StoredUpload[]>;
  keep(upload: StoredUpload): Promise<void>;
  /** Done or cancelled: nothing to resume. */
  forget(id: string): Promise<void>;
  close(): void;
}

interface UploadsDb extends DBSchema {
  uploads: { key: string; value: UploadRow; indexes: { byOwner: string } };
}

export const UPLOADS_DB = 'console-uploads';

export async function openUploadStore(name = UPLOADS_DB): Promise<UploadStore> {
  const db: IDBPDatabase<UploadsDb> = await openDB<UploadsDb>(name, 1, {
    upgrade(d) {
      d.createObjectStore('uploads', { keyPath: 'id' }).createIndex('byOwner', 'owner');
    },
  });
  return {
    async pending(owner) {
      const rows = await db.getAllFromIndex('uploads', 'byOwner', owner);
      return rows
        .sort((a, b) => a.addedAt - b.addedAt)
        .map(({ bytes, name, ...rest }) => ({
          ...rest,
          file: new File([bytes], name, { type: bytes.type }),
        }));
    },
    async keep({ file, ...rest }) {
      await db.put('uploads', { ...rest, bytes: file, name: file.name });
    },
    async forget(id) {
      await db.delete('uploads', id);
    },
    close: () => db.close(),
  };
}
