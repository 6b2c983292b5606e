import type { QuietHours } from '@photo/shared/domain/notification';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The wall-clock reading of `at` in `timeZone`, as if it were UTC: its difference from `at` is the zone's offset. */
function wallClockAsUtc(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

const offsetMs = (at: Date, timeZone: string): number =>
  wallClockAsUtc(at, timeZone) - Math.floor(at.getTime() / 1000) * 1000;

/** Minutes since local midnight at `at` in `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  const wall = new Date(wallClockAsUtc(at, timeZone));
  return wall.getUTCHours() * 60 + wall.getUTCMinutes();
}

/** Whether local time is within [start, end); a start after the end spans midnight; start = end means none. */
export function inQuietHours(at: Date, quiet: QuietHours, timeZone: string): boolean {
  const [start, end, now] = [toMinutes(quiet.start), toMinutes(quiet.end), localMinutes(at, timeZone)];
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * When the quiet hours that `at` falls in end (the first instant local time reads `end`), or null when `at` is not
 * in quiet hours. Across a daylight-saving change the result is corrected by the change of offset, so "07:00"
 * stays 07:00 local.
 */
export function quietHoursEnd(at: Date, quiet: QuietHours, timeZone: string): Date | null {
  if (!inQuietHours(at, quiet, timeZone)) return null;
  const minutesLeft = (toMinutes(quiet.end) - localMinutes(at, timeZone) + DAY_MINUTES) % DAY_MINUTES;
  const wall = wallClockAsUtc(at, timeZone);
  const startOfMinute = at.getTime() - (wall % MINUTE) - (at.getTime() % 1000);
  const naive = new Date(startOfMinute + minutesLeft * MINUTE);
  return new Date(naive.getTime() - (offsetMs(naive, timeZone) - offsetMs(at, timeZone)));
}
