import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * A shot waits here from the shutter until the server has answered for it definitively. The image and its
 * idempotency key are written before the first upload attempt, so a reload, a closed tab or a dead battery never
 * loses a photo, and every retry sends the same key.
 */
export type ShotState = 'pending' | 'uploading' | 'failed' | 'conflict' | 'done';

export interface Shot {
  id: string;
  /** Made at the shutter; every attempt for this shot sends it, so the server stores it once. */
  idempotencyKey: string;
  visitorId: string;
  /** The QR payload that was scanned: a fresh check-in with it gives the current version after a conflict. */
  qr: string;
  participantName: string;
  /** The photo version the staff confirmed on the card (0: not photographed yet). */
  expectedVersion: number;
  image: Blob;
  createdAt: number;
  state: ShotState;
  attempts: number;
  /** The last error code (an API code, or NETWORK / HTTP_<status>), null while nothing went wrong. */
  lastError: string | null;
  /** When the next automatic attempt is due (epoch ms); 0 for now. */
  nextAttemptAt: number;
  /** The stored version once done. */
  version: number | null;
  /** The server's current version when a conflict was answered. */
  currentVersion: number | null;
}

export type NewShot = Pick<
  Shot,
  'id' | 'idempotencyKey' | 'visitorId' | 'qr' | 'participantName' | 'expectedVersion' | 'image' | 'createdAt'
>;

export type ShotPatch = Partial<
  Pick<
    Shot,
    'state' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'version' | 'currentVersion' | 'expectedVersion'
  >
>;

export interface OutboxCounts {
  pending: number;
  uploading: number;
  failed: number;
  conflict: number;
  done: number;
  /** Shots not yet on the server and not given up on: pending + uploading. */
  waiting: number;
}

export interface OutboxStore {
  add(shot: NewShot): Promise<Shot>;
  get(id: string): Promise<Shot | undefined>;
  /** Every shot, oldest first. */
  list(): Promise<Shot[]>;
  /** Shots in one of the states, oldest first. */
  inState(...states: ShotState[]): Promise<Shot[]>;
  /** Applies the patch in one transaction; undefined when the shot is gone (discarded meanwhile). */
  update(id: string, patch: ShotPatch): Promise<Shot | undefined>;
  remove(id: string): Promise<void>;
  counts(): Promise<OutboxCounts>;
  /** Removes done shots older than the cut-off: their images are on the server. */
  pruneDone(olderThan: number): Promise<number>;
  /** Called after every change, in this tab and (through BroadcastChannel) in the others. */
  subscribe(listener: () => void): () => void;
  close(): void;
}

interface OutboxSchema extends DBSchema {
  shots: { key: string; value: Shot; indexes: { 'by-created': number } };
}

const STORE = 'shots';

export async function openOutboxStore(name = 'staff-outbox'): Promise<OutboxStore> {
  const db: IDBPDatabase<OutboxSchema> = await openDB<OutboxSchema>(name, 1, {
    upgrade(database) {
      const shots = database.createObjectStore(STORE, { keyPath: 'id' });
      shots.createIndex('by-created', 'createdAt');
    },
  });
  const listeners = new Set<() => void>();
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${name}:changes`) : null;
  const notifyHere = () => listeners.forEach((listener) => listener());
  if (channel) channel.onmessage = notifyHere;
  const changed = () => {
    notifyHere();
    channel?.postMessage('changed');
  };

  const all = () => db.getAllFromIndex(STORE, 'by-created');

  return {
    async add(input) {
      const shot: Shot = {
        ...input,
        state: 'pending',
        attempts: 0,
        lastError: null,
        nextAttemptAt: 0,
        version: null,
        currentVersion: null,
      };
      // add, not put: a second shot with the same id is a bug, never a silent overwrite of a photo.
      await db.add(STORE, shot);
      changed();
      return shot;
    },
    get: (id) => db.get(STORE, id),
    list: all,
    async inState(...states) {
      return (await all()).filter((shot) => states.includes(shot.state));
    },
    async update(id, patch) {
      const tx = db.transaction(STORE, 'readwrite');
      const current = await tx.store.get(id);
      if (!current) {
        await tx.done;
        return undefined;
      }
      const next = { ...current, ...patch };
      await tx.store.put(next);
      await tx.done;
      changed();
      return next;
    },
    async remove(id) {
      await db.delete(STORE, id);
      changed();
    },
    async counts() {
      const counts: OutboxCounts = { pending: 0, uploading: 0, failed: 0, conflict: 0, done: 0, waiting: 0 };
      for (const shot of await all()) counts[shot.state]++;
      counts.waiting = counts.pending + counts.uploading;
      return counts;
    },
    async pruneDone(olderThan) {
      const tx = db.transaction(STORE, 'readwrite');
      let removed = 0;
      for (const shot of await tx.store.getAll()) {
        if (shot.state === 'done' && shot.createdAt < olderThan) {
          await tx.store.delete(shot.id);
          removed++;
        }
      }
      await tx.done;
      if (removed > 0) changed();
      return removed;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      channel?.close();
      db.close();
    },
  };
}
