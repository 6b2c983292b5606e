import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** The participant's token on this device: it is their only key to their photos, so it outlives reloads. */
export interface TokenStore {
  /** The kept token, or null when this device has none. */
  read(): Promise<string | null>;
  /** Keeps the token; answers whether it replaced a different one (another participant's: their data must go). */
  write(token: string): Promise<{ replaced: boolean }>;
  /** Forgets the token (a revoked one, or "leave this device"). */
  clear(): Promise<void>;
  close(): void;
}

interface SessionDb extends DBSchema {
  session: { key: 'token'; value: { token: string; keptAt: number } };
}

const DB_NAME = 'participant-session';

/** The token store in IndexedDB (not localStorage: kept with the images' database and out of sync reads). */
export async function openTokenStore(name = DB_NAME): Promise<TokenStore> {
  const db: IDBPDatabase<SessionDb> = await openDB<SessionDb>(name, 1, {
    upgrade(d) {
      d.createObjectStore('session');
    },
  });
  return {
    async read() {
      return (await db.get('session', 'token'))?.token ?? null;
    },
    async write(token) {
      const tx = db.transaction('session', 'readwrite');
      const before = await tx.store.get('token');
      await tx.store.put({ token, keptAt: Date.now() }, 'token');
      await tx.done;
      return { replaced: before !== undefined && before.token !== token };
    },
    async clear() {
      await db.delete('session', 'token');
    },
    close: () => db.close(),
  };
}

/** A store that keeps the token for this page only, where IndexedDB is unavailable (some private modes). */
export function memoryTokenStore(): TokenStore {
  let kept: string | null = null;
  return {
    read: () => Promise.resolve(kept),
    write(token) {
      const replaced = kept !== null && kept !== token;
      kept = token;
      return Promise.resolve({ replaced });
    },
    clear() {
      kept = null;
      return Promise.resolve();
    },
    close() {},
  };
}
