import { describe, expect, it } from 'vitest';
import type { Table } from './lib/benchmark';
import { paletteHeadlines } from './palette.report';

const row = (label: string, k: number, ms: number, de00: number) => ({
  label,
  cells: [String(k), '16', ms.toFixed(1), de00.toFixed(3), '1.00'],
});

function table(oursDe: number[], oursMs: number): Table {
  return {
    columns: ['k', 'colours', 'ms (median of 3)', 'mean ΔE00', 'Lab MSE'],
    rows: [
      row('a · ours', 16, oursMs, oursDe[0]!),
      row('b · ours', 16, oursMs, oursDe[1]!),
      row('a · liq', 16, 100, 1.5),
      row('b · liq', 16, 100, 1.5),
      row('a · ours', 4, 1, 9),
      row('mean of 2 images · ours', 16, oursMs, 1),
      row('mean of 2 images · liq', 16, 100, 1.5),
    ],
  };
}

describe('paletteHeadlines', () => {
  it('when ours is lower on every image and no slower, then both headlines say met', () => {
    const [quality, time] = paletteHeadlines(table([1.4, 1.2], 80), 16, ['a', 'b'], 'ours', 'liq');
    expect(quality).toMatch(
      /^k=16: ours < liq in mean ΔE00 on 2\/2 images \(a 1\.4 < 1\.5; b 1\.2 < 1\.5\) — met$/,
    );
    expect(time).toMatch(/0\.80×.*— met$/);
  });

  it('when ours loses on one image or is slower, then the headline says NOT met', () => {
    const [quality, time] = paletteHeadlines(table([1.4, 1.5], 120), 16, ['a', 'b'], 'ours', 'liq');
    expect(quality).toMatch(/1\/2 images .*b 1\.5 ≥ 1\.5.*NOT met$/);
    expect(time).toMatch(/NOT met$/);
  });
});
