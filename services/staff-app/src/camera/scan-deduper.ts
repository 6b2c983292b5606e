/**
 * A camera sees the same code in every frame: one code is answered once, and again only after `windowMs` since it
 * was last accepted (the staff scanning the same person again on purpose).
 */
export interface ScanDeduper {
  /** True when the code should be answered now. */
  accept(code: string): boolean;
  /** Forget everything: the next sighting of any code is answered. */
  reset(): void;
}

export function createScanDeduper(
  windowMs: number,
  now: () => number = () => performance.now(),
): ScanDeduper {
  const acceptedAt = new Map<string, number>();
  return {
    accept(code) {
      const at = now();
      const last = acceptedAt.get(code);
      if (last !== undefined && at - last < windowMs) return false;
      // A handful of codes at most are in play; forget the stale ones so the map cannot grow over a long event.
      for (const [seen, when] of acceptedAt) if (at - when >= windowMs) acceptedAt.delete(seen);
      acceptedAt.set(code, at);
      return true;
    },
    reset: () => acceptedAt.clear(),
  };
}
