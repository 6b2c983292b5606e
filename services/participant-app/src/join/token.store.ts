import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { codeExpiry } from './check-in-code';

/**
 * The check-in code the participant shows the staff (the last one fetched, or the one from registration), kept to
 * show offline: the payload, their name, and until when it scans (ISO; null when not known).
 */
export interface KeptCode {
  payload: string;
  displayName: string;
  expiresAt: string | null;
}

/** The participant's token on this device: it is their only key to their photos, so it outlives reloads. */
export interface TokenStore {
  /** The kept token, or null when this device has none. */
  read(): Promise<string | null>;
  /**
   * Keeps the token; answers whether it replaced a different one (another participant's: their data must go, and
   * their check-in code goes with it here).
   */
  write(token: string): Promise<{ replaced: boolean }>;
  /** The check-in code kept with the token, or null. */
  readCode(): Promise<KeptCode | null>;
  keepCode(code: KeptCode): Promise<void>;
  /** Forgets the token and its code (a revoked one, or "leave this device"). */
  clear(): Promise<void>;
  close(): void;
}

interface SessionDb extends DBSchema {
  session: {
    key: 'token' | 'code';
    value:
      | { token: string; keptAt: number }
      | (Omit<KeptCode, 'expiresAt'> & { expiresAt?: string | null; keptAt: number });
  };
}

export const SESSION_DB = 'participant-session';

/** The token store in IndexedDB (not localStorage: kept with the images' database and out of sync reads). */
export async function openTokenStore(name = SESSION_DB): Promise<TokenStore> {
  const db: IDBPDatabase<SessionDb> = await openDB<SessionDb>(name, 1, {
    upgrade(d) {
      d.createObjectStore('session');
    },
  });
  return {
    async read() {
      const kept = await db.get('session', 'token');
      return kept && 'token' in kept ? kept.token : null;
    },
    async write(token) {
      const tx = db.transaction('session', 'readwrite');
      const before = await tx.store.get('token');
      const replaced = before !== undefined && 'token' in before && before.token !== token;
      await tx.store.put({ token, keptAt: Date.now() }, 'token');
      if (replaced) await tx.store.delete('code');
      await tx.done;
      return { replaced };
    },
    async readCode() {
      const kept = await db.get('session', 'code');
      if (!kept || !('payload' in kept)) return null;
      // A code kept before the expiry was stored beside it: the payload carries it.
      const expiresAt = kept.expiresAt ?? codeExpiry(kept.payload)?.toISOString() ?? null;
      return { payload: kept.payload, displayName: kept.displayName, expiresAt };
    },
    async keepCode(code) {
      await db.put('session', { ...code, keptAt: Date.now() }, 'code');
    },
    async clear() {
      const tx = db.transaction('session', 'readwrite');
      await Promise.all([tx.store.delete('token'), tx.store.delete('code'), tx.done]);
    },
    close: () => db.close(),
  };
}

/** A store that keeps the token for this page only, where IndexedDB is unavailable (some private modes). */
export function memoryTokenStore(): TokenStore {
  let kept: string | null = null;
  let code: KeptCode | null = null;
  return {
    read: () => Promise.resolve(kept),
    write(token) {
      const replaced = kept !== null && kept !== token;
      kept = token;
      if (replaced) code = null;
      return Promise.resolve({ replaced });
    },
    readCode: () => Promise.resolve(code),
    keepCode(next) {
      code = next;
      return Promise.resolve();
    },
    clear() {
      kept = null;
      code = null;
      return Promise.resolve();
    },
    close() {},
  };
}
