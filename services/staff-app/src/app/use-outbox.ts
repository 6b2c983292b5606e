import { useEffect, useState } from 'preact/hooks';
import type { OutboxCounts, OutboxStore, Shot } from '../outbox/outbox.store';

/** The outbox's shots and counts, kept current as they change in this tab or another. */
export function useOutbox(store: OutboxStore): { shots: Shot[]; counts: OutboxCounts | null } {
  const [state, setState] = useState<{ shots: Shot[]; counts: OutboxCounts | null }>({
    shots: [],
    counts: null,
  });
  useEffect(() => {
    let live = true;
    const load = () =>
      void Promise.all([store.list(), store.counts()]).then(([shots, counts]) => {
        if (live) setState({ shots, counts });
      });
    load();
    const unsubscribe = store.subscribe(load);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store]);
  return state;
}

/** One shot, kept current. */
export function useShot(store: OutboxStore, id: string): Shot | null | undefined {
  const [shot, setShot] = useState<Shot | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const load = () =>
      void store.get(id).then((found) => {
        if (live) setShot(found ?? null);
      });
    load();
    const unsubscribe = store.subscribe(load);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store, id]);
  return shot;
}

/** An object URL of a Blob for an <img>, revoked when no longer shown. */
export function useObjectUrl(blob: Blob | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return setUrl(null);
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return url;
}
