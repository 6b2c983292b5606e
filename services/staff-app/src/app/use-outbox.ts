import { useEffect, useState } from 'preact/hooks';
import type { OutboxCounts, OutboxStore, Shot } from '../outbox/outbox.store';

/** What `read` answers from the outbox, read again whenever the outbox changes in this tab or another. */
function useOutboxRead<T>(store: OutboxStore, read: () => Promise<T>, initial: T, deps: unknown[]): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    let live = true;
    const load = () =>
      void read().then((answer) => {
        if (live) setValue(answer);
      });
    load();
    const unsubscribe = store.subscribe(load);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store, ...deps]);
  return value;
}

/** The outbox's shots and counts, kept current. */
export function useOutbox(store: OutboxStore): { shots: Shot[]; counts: OutboxCounts | null } {
  return useOutboxRead<{ shots: Shot[]; counts: OutboxCounts | null }>(
    store,
    async () => {
      const [shots, counts] = await Promise.all([store.list(), store.counts()]);
      return { shots, counts };
    },
    { shots: [], counts: null },
    [],
  );
}

/** One shot, kept current (undefined until read, null when it is gone). */
export function useShot(store: OutboxStore, id: string): Shot | null | undefined {
  return useOutboxRead<Shot | null | undefined>(store, async () => (await store.get(id)) ?? null, undefined, [
    id,
  ]);
}
