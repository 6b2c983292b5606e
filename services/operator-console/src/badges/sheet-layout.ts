/** Paper sizes the sheet prints on, in millimetres. */
export const PAPERS = {
  a4: { width: 210, height: 297 },
  letter: { width: 215.9, height: 279.4 },
} as const;
export type Paper = keyof typeof PAPERS;

/** Badges per page and the grid they sit in (columns × rows), portrait. */
export const LAYOUTS = {
  1: { columns: 1, rows: 1 },
  2: { columns: 1, rows: 2 },
  4: { columns: 2, rows: 2 },
  6: { columns: 2, rows: 3 },
  8: { columns: 2, rows: 4 },
  12: { columns: 3, rows: 4 },
} as const;
export type PerPage = keyof typeof LAYOUTS;
export const PER_PAGE_CHOICES = Object.keys(LAYOUTS).map(Number) as PerPage[];

/** Splits the badges into printed pages. */
export function paginate<T>(items: readonly T[], perPage: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += perPage) pages.push(items.slice(i, i + perPage));
  return pages;
}
