/** Latencies and outcomes of one kind of request, over the whole run and since the last `window()`. */
export class KindStats {
  private all: number[] = [];
  private recent: number[] = [];
  total = { requests: 0, errors: 0 };
  private windowCounts = { requests: 0, errors: 0 };

  record(ms: number, ok: boolean): void {
    this.all.push(ms);
    this.recent.push(ms);
    this.total.requests++;
    this.windowCounts.requests++;
    if (!ok) {
      this.total.errors++;
      this.windowCounts.errors++;
    }
  }

  /** Counts and percentiles since the previous call, then starts a new window. */
  window(): Summary {
    const summary = summarise(this.recent, this.windowCounts);
    this.recent = [];
    this.windowCounts = { requests: 0, errors: 0 };
    return summary;
  }

  overall(): Summary {
    return summarise(this.all, this.total);
  }
}

export interface Summary {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function summarise(latencies: number[], counts: { requests: number; errors: number }): Summary {
  const sorted = Float64Array.from(latencies).sort();
  const pct = (p: number) =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { ...counts, p50: pct(50), p95: pct(95), p99: pct(99), max: sorted.at(-1) ?? 0 };
}

/** Named stats, created on first use, printed in the order they first appeared. */
export class Stats {
  readonly kinds = new Map<string, KindStats>();

  of(kind: string): KindStats {
    let stats = this.kinds.get(kind);
    if (!stats) this.kinds.set(kind, (stats = new KindStats()));
    return stats;
  }

  /** Times `work`; a thrown error or a result `ok` rejects counts as an error. */
  async time<T>(kind: string, work: () => Promise<T>, ok: (result: T) => boolean): Promise<T | null> {
    const started = performance.now();
    try {
      const result = await work();
      this.of(kind).record(performance.now() - started, ok(result));
      return result;
    } catch {
      this.of(kind).record(performance.now() - started, false);
      return null;
    }
  }
}
