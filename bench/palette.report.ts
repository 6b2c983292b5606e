import { goalLine, type Goal } from './lib/goals';
import type { Table } from './lib/benchmark';

const COLUMNS = { k: 0, ms: 2, de00: 3 } as const;

/**
 * The palette goal at one k, read back from the printed rows: ours has a lower mean ΔE00 than the anchor on every
 * image, and its mean time (the "mean of n images" rows) is at most the anchor's.
 */
export function paletteHeadlines(
  table: Table,
  k: number,
  images: string[],
  ours: string,
  anchor: string,
): string[] {
  const cell = (label: string, column: keyof typeof COLUMNS): number => {
    const row = table.rows.find((r) => r.label === label && r.cells[COLUMNS.k] === String(k));
    if (!row) throw new Error(`no row "${label}" at k=${k}`);
    return Number(row.cells[COLUMNS[column]]);
  };
  const perImage = images.map((image) => ({
    image,
    ours: cell(`${image} · ${ours}`, 'de00'),
    anchor: cell(`${image} · ${anchor}`, 'de00'),
  }));
  const wins = perImage.filter((r) => r.ours < r.anchor).length;
  const detail = perImage.map((r) => `${r.image} ${r.ours} ${r.ours < r.anchor ? '<' : '≥'} ${r.anchor}`);
  const meanRow = (label: string) => `mean of ${images.length} images · ${label}`;
  const time: Goal = {
    label: `k=${k} time, ours vs ${anchor}`,
    ours: { row: meanRow(ours), column: 'ms (median of 3)', value: cell(meanRow(ours), 'ms') },
    anchor: { row: meanRow(anchor), column: 'ms (median of 3)', value: cell(meanRow(anchor), 'ms') },
    target: { op: '<=', ratio: 1 },
  };
  return [
    `k=${k}: ours < ${anchor} in mean ΔE00 on ${wins}/${images.length} images (${detail.join('; ')}) — ` +
      `${wins === images.length ? 'met' : 'NOT met'}`,
    goalLine(time, (v) => v.toFixed(1)),
  ];
}
