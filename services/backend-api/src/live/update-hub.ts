/** What changed for the participant: their update feed, their notifications, or an upload of their photo. */
export type HubSignal = 'update' | 'notification' | 'upload';

/**
 * Wakes the SSE streams of one participant when their feed or their notifications change in this process. Streams
 * also re-read both on a timer, so a change made by another instance (Cloud Run) still arrives.
 */
export class UpdateHub {
  private readonly listeners = new Map<string, Set<(signal: HubSignal) => void>>();
  private readonly drainers = new Set<() => void>();

  subscribe(visitorId: string, listener: (signal: HubSignal) => void): () => void {
    let set = this.listeners.get(visitorId);
    if (!set) this.listeners.set(visitorId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(visitorId);
    };
  }

  /** Called when the service drains: open streams end, so shutdown does not wait out their grace period. */
  onDrain(listener: () => void): () => void {
    this.drainers.add(listener);
    return () => this.drainers.delete(listener);
  }

  /** Ends every open stream (clients reconnect to another instance, resuming from their Last-Event-ID). */
  drain(): void {
    for (const end of [...this.drainers]) end();
    this.drainers.clear();
  }

  notify(visitorId: string, signal: HubSignal = 'update'): void {
    for (const listener of this.listeners.get(visitorId) ?? []) listener(signal);
  }

  get connections(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
