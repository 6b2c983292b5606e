import { z } from 'zod';
import { windowOf, type RateLimitDecision, type RateLimiter } from '../../ports/rate-limiter.port';
import type { SqliteDatabase } from './database';

/** Built once: a schema made per call costs more than the upsert it checks. */
const countSchema = z.number().int();

/** Fixed-window counters in the embedded store: one upsert counts and answers, so concurrent hits never both pass. */
export class SqliteRateLimiter implements RateLimiter {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      count: db
        .prepare(
          `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
           ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
        )
        .pluck(),
      prune: db.prepare('DELETE FROM rate_limits WHERE key = ? AND window_start < ?'),
    };
  }

  async hit(key: string, limit: number, windowSeconds: number, now: Date): Promise<RateLimitDecision> {
    const { start, end } = windowOf(now, windowSeconds);
    const count = countSchema.parse(this.q.count.get(key, start));
    if (count === 1) this.q.prune.run(key, start);
    return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetAt: new Date(end) };
  }
}
