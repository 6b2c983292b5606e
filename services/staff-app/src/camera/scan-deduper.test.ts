import { describe, expect, it } from 'vitest';
import { createScanDeduper } from './scan-deduper';

describe('scan deduper', () => {
  it('when the same code is seen frame after frame, then it is answered once within the window', () => {
    let now = 0;
    const deduper = createScanDeduper(3000, () => now);
    expect(deduper.accept('A')).toBe(true);
    now = 100;
    expect(deduper.accept('A')).toBe(false);
    now = 2999;
    expect(deduper.accept('A')).toBe(false);
    now = 3000;
    expect(deduper.accept('A')).toBe(true);
  });

  it('when another code comes, then it is answered at once', () => {
    let now = 0;
    const deduper = createScanDeduper(3000, () => now);
    expect(deduper.accept('A')).toBe(true);
    now = 10;
    expect(deduper.accept('B')).toBe(true);
    expect(deduper.accept('A')).toBe(false);
  });

  it('when reset, then the same code is answered again', () => {
    const deduper = createScanDeduper(3000, () => 0);
    expect(deduper.accept('A')).toBe(true);
    deduper.reset();
    expect(deduper.accept('A')).toBe(true);
  });
});
