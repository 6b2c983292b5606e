import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RateLimiter } from '../rate-limiter.port';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

let counter = 0;
const newKey = () => `test:${Date.now()}:${(counter += 1)}`;

/** The contract every RateLimiter meets, embedded or cloud. */
export function rateLimiterContract(
  name: string,
  setup: () => Promise<{ limiter: RateLimiter; teardown: () => Promise<void> }>,
) {
  describe(`RateLimiter contract: ${name}`, () => {
    let limiter: RateLimiter;
    let teardown: () => Promise<void>;
    beforeEach(async () => ({ limiter, teardown } = await setup()));
    afterEach(() => teardown());

    it('when a key is hit up to its limit, then each is allowed with what remains; the next is refused until the window ends', async () => {
      const key = newKey();
      expect(await limiter.hit(key, 2, 60, at(1))).toEqual({ allowed: true, remaining: 1, resetAt: at(60) });
      expect(await limiter.hit(key, 2, 60, at(2))).toEqual({ allowed: true, remaining: 0, resetAt: at(60) });
      expect(await limiter.hit(key, 2, 60, at(3))).toEqual({ allowed: false, remaining: 0, resetAt: at(60) });
      expect(await limiter.hit(key, 2, 60, at(60))).toEqual({
        allowed: true,
        remaining: 1,
        resetAt: at(120),
      });
    });

    it('when two keys are hit, then each has its own count', async () => {
      const a = newKey();
      const b = newKey();
      await limiter.hit(a, 1, 60, at(1));
      expect((await limiter.hit(a, 1, 60, at(2))).allowed).toBe(false);
      expect((await limiter.hit(b, 1, 60, at(2))).allowed).toBe(true);
    });

    it('when hits arrive at once, then no more than the limit are allowed', async () => {
      const key = newKey();
      const answers = await Promise.all(Array.from({ length: 8 }, () => limiter.hit(key, 5, 60, at(5))));
      expect(answers.filter((a) => a.allowed)).toHaveLength(5);
    });
  });
}
