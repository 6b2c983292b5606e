import { describe, expect, it } from 'vitest';
import { LAYOUTS, paginate, PER_PAGE_CHOICES } from './sheet-layout';

describe('badge sheet layout', () => {
  it('when badges fill more than one page, then each page holds N and the last the rest', () => {
    expect(paginate([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(paginate([], 4)).toEqual([]);
  });

  it('when a number per page is offered, then its grid has exactly that many cells', () => {
    for (const n of PER_PAGE_CHOICES) expect(LAYOUTS[n].columns * LAYOUTS[n].rows).toBe(n);
  });
});
