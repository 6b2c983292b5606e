import { backoffDelayMs, type BackoffSpec } from '@photo/web/net/backoff';
import type { ExclusiveLocks } from './locks';
import type { OutboxStore, Shot } from './outbox.store';
import { NETWORK_ERROR, type UploadOutcome } from './upload-outcome';

/** Sends one shot once; reports the fraction of its bytes sent. Throwing counts as a network error. */
export type SendShot = (shot: Shot, onProgress: (fraction: number) => void) => Promise<UploadOutcome>;

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface UploaderDeps {
  store: OutboxStore;
  send: SendShot;
  locks: ExclusiveLocks;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  /** Subscribes to "the device is online again"; returns the unsubscribe. */
  onOnline?: (listener: () => void) => () => void;
}

export interface Uploader {
  /** Resumes what an earlier page left (pending, or uploading when it died) and listens for the network. */
  start(): void;
  stop(): void;
  /** Tries every due shot now (after an accept); resolves when this round is over. */
  kick(): Promise<void>;
  /** Tries one shot now whatever its backoff, a failed one included (the staff's "retry now"). */
  retryNow(id: string): Promise<void>;
  /** After a conflict, the staff confirmed the new current version: the same shot, with the same key, goes again. */
  reconfirm(id: string, expectedVersion: number): Promise<void>;
  onProgress(listener: (id: string, fraction: number) => void): () => void;
}

/** The first retry comes after about a second, then twice as long each time, never more than half a minute. */
const RETRY_BACKOFF: BackoffSpec = { baseMs: 1000, maxMs: 30_000 };
/** A shot another tab is uploading is looked at again after this long, in case that tab was closed meanwhile. */
const HELD_ELSEWHERE_RECHECK_MS = 5000;

/** How long a shot waits after its `attempts`-th failed attempt. */
export const retryDelayMs = (attempts: number, random: () => number = Math.random): number =>
  backoffDelayMs(RETRY_BACKOFF, attempts, random);

const browserTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Uploads the outbox's shots one at a time, each under a lock named after it, retrying with backoff and the same
 * idempotency key until the server answers definitively.
 */
export function createUploader(deps: UploaderDeps): Uploader {
  const { store, send, locks } = deps;
  const timers = deps.timers ?? browserTimers;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const progressListeners = new Set<(id: string, fraction: number) => void>();
  let timer: unknown = null;
  let stopped = true;
  let unsubscribeOnline: (() => void) | null = null;
  let round: Promise<void> | null = null;
  let again = false;
  let againIgnoresBackoff = false;

  async function attempt(id: string): Promise<boolean> {
    return locks.ifAvailable(`staff-outbox-shot:${id}`, async () => {
      // Read again under the lock: another tab may have finished it while we waited for our turn.
      const shot = await store.get(id);
      if (!shot || (shot.state !== 'pending' && shot.state !== 'uploading')) return;
      const attempts = shot.attempts + 1;
      await store.update(id, { state: 'uploading', attempts });
      let outcome: UploadOutcome;
      try {
        outcome = await send(shot, (fraction) => progressListeners.forEach((l) => l(id, fraction)));
      } catch {
        outcome = { kind: 'retry', error: NETWORK_ERROR };
      }
      switch (outcome.kind) {
        case 'done':
          await store.update(id, {
            state: 'done',
            version: outcome.version,
            lastError: null,
            nextAttemptAt: 0,
          });
          break;
        case 'conflict':
          await store.update(id, {
            state: 'conflict',
            currentVersion: outcome.currentVersion,
            lastError: 'IMAGE.VERSION_CONFLICT',
          });
          break;
        case 'failed':
          await store.update(id, { state: 'failed', lastError: outcome.error });
          break;
        case 'retry':
          await store.update(id, {
            state: 'pending',
            lastError: outcome.error,
            nextAttemptAt: now() + retryDelayMs(attempts, random),
          });
      }
    });
  }

  async function runRound(ignoreBackoff: boolean): Promise<void> {
    const heldElsewhere = new Set<string>();
    do {
      again = false;
      const waiting = await store.inState('pending', 'uploading');
      for (const shot of waiting) {
        if (stopped) return;
        if (!ignoreBackoff && shot.nextAttemptAt > now()) continue;
        if (!(await attempt(shot.id))) heldElsewhere.add(shot.id);
      }
      ignoreBackoff = againIgnoresBackoff;
      againIgnoresBackoff = false;
    } while (again && !stopped);
    await scheduleNext(heldElsewhere);
  }

  async function scheduleNext(heldElsewhere: Set<string>): Promise<void> {
    if (timer !== null) timers.clear(timer);
    timer = null;
    if (stopped) return;
    const waiting = await store.inState('pending', 'uploading');
    if (waiting.length === 0) return;
    const at = Math.min(
      ...waiting.map((shot) =>
        heldElsewhere.has(shot.id) || shot.state === 'uploading'
          ? now() + HELD_ELSEWHERE_RECHECK_MS
          : shot.nextAttemptAt,
      ),
    );
    timer = timers.set(
      () => {
        timer = null;
        void kick(false);
      },
      Math.max(0, at - now()),
    );
  }

  function kick(ignoreBackoff: boolean): Promise<void> {
    if (stopped) return Promise.resolve();
    if (round) {
      again = true;
      againIgnoresBackoff ||= ignoreBackoff;
      return round;
    }
    round = runRound(ignoreBackoff).finally(() => {
      round = null;
    });
    return round;
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      unsubscribeOnline = deps.onOnline?.(() => void kick(true)) ?? null;
      void kick(false);
    },
    stop() {
      stopped = true;
      unsubscribeOnline?.();
      unsubscribeOnline = null;
      if (timer !== null) timers.clear(timer);
      timer = null;
    },
    kick: () => kick(false),
    async retryNow(id) {
      const shot = await store.get(id);
      if (!shot || shot.state === 'done' || shot.state === 'uploading' || shot.state === 'conflict') return;
      await store.update(id, { state: 'pending', nextAttemptAt: 0 });
      await kick(false);
    },
    async reconfirm(id, expectedVersion) {
      const shot = await store.get(id);
      if (!shot || shot.state !== 'conflict') return;
      await store.update(id, {
        state: 'pending',
        expectedVersion,
        currentVersion: null,
        lastError: null,
        nextAttemptAt: 0,
      });
      await kick(false);
    },
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
  };
}

/** The browser's "online" event as the uploader's signal. */
export function windowOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
}
