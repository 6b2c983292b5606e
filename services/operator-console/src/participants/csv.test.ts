import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('when fields hold commas, quotes and line breaks, then a CSV parser reads them back unchanged', () => {
    const rows = [
      ['佐藤 花子', 'a@example.com', 'T-1', 3],
      ['Smith, "Jo"', null, 'line\nbreak', 0],
    ];
    const csv = toCsv(['name', 'email', 'ref', 'n'], rows);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(parse(csv, { bom: true })).toEqual([
      ['name', 'email', 'ref', 'n'],
      ['佐藤 花子', 'a@example.com', 'T-1', '3'],
      ['Smith, "Jo"', '', 'line\nbreak', '0'],
    ]);
  });

  it('when a field starts like a spreadsheet formula, then it is kept as text with a leading apostrophe', () => {
    const csv = toCsv(['name'], [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@sum'], ['plain']]);
    expect(parse(csv, { bom: true }).slice(1)).toEqual([
      [`'=HYPERLINK("x")`],
      ["'+1"],
      ["'-2"],
      ["'@sum"],
      ['plain'],
    ]);
  });
});
