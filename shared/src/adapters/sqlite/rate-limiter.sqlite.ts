import { z } from 'zod';
import { windowOf, type RateLimitDecision, type RateLimiter } from '../../ports/rate-limiter.port';
import type { SqliteDatabase } from './database';
import { groupCommitOf, type GroupCommit } from './group-commit';

/** Built once: a schema made per call costs more than the upsert it checks. */
const countSchema = z.number().int();

/** Fixed-window counters in the embedded store: one upsert counts and answers, so concurrent hits never both pass. */
export class SqliteRateLimiter implements RateLimiter {
  private readonly q;
  /** A hit is counted on nearly every request: concurrent ones share their commits. */
  private readonly commits: GroupCommit;

  constructor(db: SqliteDatabase) {
    this.commits = groupCommitOf(db);
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
    const count = await this.commits.run(() => {
      const counted = countSchema.parse(this.q.count.get(key, start));
      if (counted === 1) this.q.prune.run(key, start);
      return counted;
    });
    return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetAt: new Date(end) };
  }
}
