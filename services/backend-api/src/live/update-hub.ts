/**
 * Wakes the SSE streams of one participant when their feed changes in this process. Streams also re-read the
 * feed's marker on a timer, so an update recorded by another instance (Cloud Run) still arrives.
 */
export class UpdateHub {
  private readonly listeners = new Map<string, Set<() => void>>();

  subscribe(visitorId: string, listener: () => void): () => void {
    let set = this.listeners.get(visitorId);
    if (!set) this.listeners.set(visitorId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(visitorId);
    };
  }

  notify(visitorId: string): void {
    for (const listener of this.listeners.get(visitorId) ?? []) listener();
  }

  get connections(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
