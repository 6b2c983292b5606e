/**
 * The part of the Web Locks API the uploader needs: take a named lock only if nobody holds it. Web Locks are shared by
 * every tab of the origin, so two tabs never upload one shot at the same time.
 */
export interface ExclusiveLocks {
  /** Runs `task` holding the lock and returns true, or returns false at once when someone else holds it. */
  ifAvailable(name: string, task: () => Promise<void>): Promise<boolean>;
}

interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>;
}

/** The browser's Web Locks (across tabs) when there are any, else locks within this page only. */
export function browserLocks(): ExclusiveLocks {
  const manager = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (!manager) return memoryLocks();
  return {
    async ifAvailable(name, task) {
      let ran = false;
      await manager.request(name, { ifAvailable: true }, async (lock) => {
        if (!lock) return;
        ran = true;
        await task();
      });
      return ran;
    },
  };
}

/** Locks held in memory: one page (or, in tests, several uploaders sharing one instance as tabs share Web Locks). */
export function memoryLocks(): ExclusiveLocks {
  const held = new Set<string>();
  return {
    async ifAvailable(name, task) {
      if (held.has(name)) return false;
      held.add(name);
      try {
        await task();
      } finally {
        held.delete(name);
      }
      return true;
    },
  };
}
