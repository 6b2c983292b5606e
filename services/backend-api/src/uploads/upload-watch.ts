/**
 * Wakes the SSE streams that watch one upload when its status changes in this process (the upload-status
 * subscription); streams also re-read on a timer, so a change another instance heard about still arrives.
 */
export class UploadWatch {
  private readonly listeners = new Map<string, Set<() => void>>();

  subscribe(intentId: string, listener: () => void): () => void {
    let set = this.listeners.get(intentId);
    if (!set) this.listeners.set(intentId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(intentId);
    };
  }

  notify(intentId: string): void {
    for (const listener of this.listeners.get(intentId) ?? []) listener();
  }
}
