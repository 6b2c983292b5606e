import { describe, expect, it } from 'vitest';
import { report, ROWS } from './upload-pipeline.report';

const vsRaw = (rows: { label: string; cells: string[] }[], label: string) =>
  rows.find((r) => r.label === label)!.cells[1];

describe('the upload pipeline report', () => {
  it('when the pairs disagree with the medians, then the headline states the overhead the pipeline row shows', () => {
    // Pairwise overheads have a median near 3 %, the medians of each side 22 %: the rows show the latter.
    const raw = [10_000, 10_000, 10_000, 14_000, 14_000, 8_000, 8_000];
    const pipeline = [10_300, 10_300, 10_300, 12_200, 12_200, 12_200, 12_200];
    const { headlines, table } = report({ raw, pipeline, endToEnd: 13_170, jpegBytes: 4e6 });

    const shown = vsRaw(table.rows, ROWS.pipeline);
    expect(shown).toBe('22.0 %');
    expect(headlines![0]).toContain(`overhead over the raw resizes: ${shown}`);
    expect(headlines![0]).toMatch(/NOT met$/);
    expect(headlines![1]).toContain(`${vsRaw(table.rows, ROWS.endToEnd)} over the raw resizes`);
  });

  it('when the pipeline row is under 15 % over raw, then the headline says met', () => {
    const { headlines, table } = report({
      raw: [10_000],
      pipeline: [11_000],
      endToEnd: 12_000,
      jpegBytes: 4e6,
    });
    expect(vsRaw(table.rows, ROWS.pipeline)).toBe('10.0 %');
    expect(headlines![0]).toMatch(/10\.0 %.*— met$/);
  });
});
