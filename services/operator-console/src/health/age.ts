const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "3 minutes ago" / "3 分前": how long ago `iso` was, in the largest unit that fits, in the person's language. */
export function ageOf(iso: string, lang: string, now = Date.now()): string {
  const elapsed = Math.max(0, now - Date.parse(iso));
  const [unit, size] = UNITS.find(([, size]) => elapsed >= size) ?? UNITS[UNITS.length - 1]!;
  return new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(-Math.floor(elapsed / size), unit);
}
