import { describe, expect, it } from 'vitest';
import { ageOf } from './age';

const NOW = Date.parse('2025-06-01T10:00:00.000Z');
const before = (ms: number) => new Date(NOW - ms).toISOString();

describe('ageOf', () => {
  it('when a time is minutes, hours or days ago, then the largest unit that fits says so', () => {
    expect(ageOf(before(5 * 60_000 + 59_000), 'en', NOW)).toBe('5 minutes ago');
    expect(ageOf(before(2 * 3_600_000), 'en', NOW)).toBe('2 hours ago');
    expect(ageOf(before(3 * 86_400_000), 'ja', NOW)).toBe('3 日前');
  });
  it('when a time is now or a clock ahead puts it in the future, then it is "now"', () => {
    expect(ageOf(before(0), 'en', NOW)).toBe('now');
    expect(ageOf(before(-5000), 'en', NOW)).toBe('now');
  });
});
