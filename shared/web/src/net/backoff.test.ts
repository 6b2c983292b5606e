import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

const spec = { baseMs: 1000, maxMs: 30_000 };

describe('backoff', () => {
  it('when attempts grow, then the step doubles up to the cap', () => {
    const top = (attempt: number) => backoffDelayMs(spec, attempt, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7].map(top)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('when the random draw varies, then the wait stays within half to all of the step', () => {
    expect(backoffDelayMs(spec, 3, () => 0)).toBe(2000);
    expect(backoffDelayMs(spec, 3, () => 0.5)).toBe(3000);
    for (let i = 0; i < 100; i++) {
      const wait = backoffDelayMs(spec, 2);
      expect(wait).toBeGreaterThanOrEqual(1000);
      expect(wait).toBeLessThanOrEqual(2000);
    }
  });
});
