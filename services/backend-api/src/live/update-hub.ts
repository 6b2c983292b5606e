/** What changed: a participant's update feed, their notifications, or an upload (theirs, or the one a stream follows). */
export type HubSignal = 'update' | 'notification' | 'upload';

/**
 * The one wake-up registry of this process's SSE streams (live/sse.ts), keyed by what a stream follows: a visitor id
 * (their feed, notifications and uploads) or an upload intent id. Streams also re-read on a timer, so a change made
 * by another instance (Cloud Run) still arrives.
 */
export class UpdateHub {
  private readonly listeners = new Map<string, Set<(signal: HubSignal) => void>>();
  private readonly drainers = new Set<() => void>();
  private drained = false;

  subscribe(key: string, listener: (signal: HubSignal) => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  /** Called when the service drains (at once if it already has): open streams end, so shutdown does not wait. */
  onDrain(listener: () => void): () => void {
    if (this.drained) listener();
    else this.drainers.add(listener);
    return () => this.drainers.delete(listener);
  }

  /** Ends every open stream (clients reconnect to another instance, resuming from their Last-Event-ID). */
  drain(): void {
    this.drained = true;
    for (const end of [...this.drainers]) end();
    this.drainers.clear();
  }

  notify(key: string, signal: HubSignal = 'update'): void {
    for (const listener of this.listeners.get(key) ?? []) listener(signal);
  }

  get connections(): number {
    return [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
  }
}
