/**
 * Performance marks at the moments the staff feels (a code read, its card on screen, the accept tap, the upload
 * confirmed). The browser tests and the benchmark read the measures between them.
 */
export type StaffMark = 'scan-decoded' | 'card-shown' | 'accept' | 'upload-confirmed';

export const MEASURES = {
  'staff:scan-to-card': ['scan-decoded', 'card-shown'],
  'staff:accept-to-confirmed': ['accept', 'upload-confirmed'],
} as const satisfies Record<string, readonly [StaffMark, StaffMark]>;

export function mark(name: StaffMark): void {
  performance.mark(`staff:${name}`);
  for (const [measure, [start, end]] of Object.entries(MEASURES)) {
    if (end !== name) continue;
    // Only when the start happened since the last measure of this pair: a card shown from the outbox is no scan.
    if (performance.getEntriesByName(`staff:${start}`, 'mark').length === 0) continue;
    performance.measure(measure, `staff:${start}`, `staff:${name}`);
    performance.clearMarks(`staff:${start}`);
  }
}

/** Marks when the next frame is painted (a screen shown, not merely rendered). */
export function markAfterPaint(name: StaffMark): void {
  requestAnimationFrame(() => setTimeout(() => mark(name), 0));
}
