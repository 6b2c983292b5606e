import { describe, expect, it } from 'vitest';
import { inQuietHours, localMinutes, quietHoursEnd } from './quiet-hours';

const night = { start: '22:00', end: '07:00' };

describe('quiet hours in the recipient time zone', () => {
  it('when it is 23:30 in Tokyo (14:30 UTC), then local minutes say so and it is quiet until 07:00 Tokyo (22:00 UTC)', () => {
    const at = new Date('2025-06-01T14:30:15.250Z');
    expect(localMinutes(at, 'Asia/Tokyo')).toBe(23 * 60 + 30);
    expect(inQuietHours(at, night, 'Asia/Tokyo')).toBe(true);
    expect(quietHoursEnd(at, night, 'Asia/Tokyo')).toEqual(new Date('2025-06-01T22:00:00.000Z'));
  });

  it('when the same instant is 14:30 in UTC, then it is not quiet there', () => {
    const at = new Date('2025-06-01T14:30:00Z');
    expect(inQuietHours(at, night, 'UTC')).toBe(false);
    expect(quietHoursEnd(at, night, 'UTC')).toBeNull();
  });

  it('when quiet hours span midnight, then both sides of midnight are quiet and the end is the next morning', () => {
    expect(inQuietHours(new Date('2025-06-01T23:59:00Z'), night, 'UTC')).toBe(true);
    expect(inQuietHours(new Date('2025-06-02T00:00:00Z'), night, 'UTC')).toBe(true);
    expect(inQuietHours(new Date('2025-06-02T06:59:00Z'), night, 'UTC')).toBe(true);
    expect(inQuietHours(new Date('2025-06-02T07:00:00Z'), night, 'UTC')).toBe(false);
    expect(inQuietHours(new Date('2025-06-01T21:59:00Z'), night, 'UTC')).toBe(false);
    expect(quietHoursEnd(new Date('2025-06-01T23:00:00Z'), night, 'UTC')).toEqual(
      new Date('2025-06-02T07:00:00Z'),
    );
  });

  it('when quiet hours are within one day, then only that range is quiet', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(inQuietHours(new Date('2025-06-01T11:59:00Z'), lunch, 'UTC')).toBe(false);
    expect(quietHoursEnd(new Date('2025-06-01T12:10:00Z'), lunch, 'UTC')).toEqual(
      new Date('2025-06-01T13:30:00Z'),
    );
    expect(inQuietHours(new Date('2025-06-01T13:30:00Z'), lunch, 'UTC')).toBe(false);
  });

  it('when start equals end, then there are no quiet hours', () => {
    expect(inQuietHours(new Date('2025-06-01T10:00:00Z'), { start: '10:00', end: '10:00' }, 'UTC')).toBe(
      false,
    );
  });

  it('when clocks spring forward during the night (New York, 9 March 2025), then the end is still 07:00 local', () => {
    // 01:30 EST = 06:30 UTC; at 02:00 clocks jump to 03:00 EDT; 07:00 EDT = 11:00 UTC.
    const end = quietHoursEnd(new Date('2025-03-09T06:30:00Z'), night, 'America/New_York');
    expect(end).toEqual(new Date('2025-03-09T11:00:00Z'));
    expect(localMinutes(end!, 'America/New_York')).toBe(7 * 60);
  });

  it('when clocks fall back during the night (Berlin, 26 October 2025), then the end is still 07:00 local', () => {
    // 23:00 CEST = 21:00 UTC on the 25th; 07:00 CET = 06:00 UTC on the 26th.
    expect(quietHoursEnd(new Date('2025-10-25T21:00:00Z'), night, 'Europe/Berlin')).toEqual(
      new Date('2025-10-26T06:00:00Z'),
    );
  });
});
