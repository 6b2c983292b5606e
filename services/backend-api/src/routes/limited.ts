import type { Clock } from '@photo/shared/ports/common';
import type { RateLimiter } from '@photo/shared/ports/rate-limiter.port';
import type { BackendRateLimits } from '../rate-limits';

/** What a limited route needs: the shared counters, the clock of their windows, and the rules. */
export interface Limits {
  limiter: RateLimiter;
  clock: Clock;
  rules: BackendRateLimits;
}
