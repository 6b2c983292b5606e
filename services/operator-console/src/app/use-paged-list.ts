import { useState } from 'preact/hooks';
import { call, type CallFailure } from './call';

type PageAnswer<T> = { data?: { items: T[]; next: string | null }; error?: unknown; response: Response };

/**
 * A list the API pages by cursor: `load(null)` reads the first page again, `load(next)` appends the next one. A
 * load whose signal was aborted (a newer one replaced it) changes nothing.
 */
export function usePagedList<T>(
  fetchPage: (after: string | null, signal?: AbortSignal) => Promise<PageAnswer<T>>,
) {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<CallFailure | null>(null);

  async function load(after: string | null, signal?: AbortSignal) {
    setLoading(true);
    const result = await call(() => fetchPage(after, signal));
    if (signal?.aborted) return;
    setLoading(false);
    if (!result.ok) return setFailure(result.failure);
    setFailure(null);
    setItems((before) => (after ? [...before, ...result.data.items] : result.data.items));
    setNext(result.data.next);
  }

  return { items, next, loading, failure, load };
}
