import { describe, expect, it } from 'vitest';
import type { Expression, GalleryLike } from '../domain/gallery';
import { rankItems, type RecommendationInput } from './recommendation';

const like = (userId: string, itemId: string, expression: Expression | null = null): GalleryLike => ({
  userId,
  itemId,
  expression,
  likedAt: new Date(0),
});
const items = Array.from({ length: 12 }, (_, i) => `img_${String(i).padStart(2, '0')}`);
const input = (over: Partial<RecommendationInput>): RecommendationInput => ({
  userId: 'gu_me',
  expression: null,
  items,
  likes: [],
  exclude: new Set(),
  limit: 5,
  seed: 7,
  ...over,
});

describe('rankItems', () => {
  it('when items are excluded, then they never come back, whatever their score', () => {
    const likes = [
      like('gu_a', 'img_00', 'happy'),
      like('gu_b', 'img_00', 'happy'),
      like('gu_c', 'img_01', 'happy'),
    ];
    const ranked = rankItems(
      input({ expression: 'happy', likes, exclude: new Set(['img_00', 'img_01']), limit: 12 }),
    );
    expect(ranked).not.toContain('img_00');
    expect(ranked).not.toContain('img_01');
    expect(ranked).toHaveLength(10);
  });

  it('when the user has no history, then items liked with the same expression lead', () => {
    const likes = [
      ...['gu_a', 'gu_b', 'gu_c'].map((u) => like(u, 'img_05', 'sad')),
      ...['gu_d', 'gu_e', 'gu_f'].map((u) => like(u, 'img_09', 'happy')),
    ];
    expect(rankItems(input({ expression: 'happy', likes }))[0]).toBe('img_09');
    expect(rankItems(input({ expression: 'sad', likes }))[0]).toBe('img_05');
  });

  it('when the user has liked items, then what co-likers also liked leads over expression popularity', () => {
    const likes = [
      ...['img_00', 'img_01', 'img_02', 'img_03', 'img_04'].map((i) => like('gu_me', i)),
      ...['img_00', 'img_01', 'img_02', 'img_07'].map((i) => like('gu_twin', i)),
      ...['gu_a', 'gu_b', 'gu_c'].map((u) => like(u, 'img_10', 'happy')),
    ];
    const exclude = new Set(['img_00', 'img_01', 'img_02', 'img_03', 'img_04']);
    expect(rankItems(input({ expression: 'happy', likes, exclude }))[0]).toBe('img_07');
  });

  it('when the seed is fixed, then the ranking is reproducible; another seed explores differently', () => {
    const a = rankItems(input({ limit: 12 }));
    expect(rankItems(input({ limit: 12 }))).toEqual(a);
    expect(rankItems(input({ limit: 12, items: [...items].reverse() }))).toEqual(a);
    expect(rankItems(input({ limit: 12, seed: 8 }))).not.toEqual(a);
  });

  it('when the catalog is smaller than the limit, then every candidate is returned once', () => {
    expect(rankItems(input({ items: ['img_00', 'img_01'], limit: 10 })).sort()).toEqual(['img_00', 'img_01']);
  });
});
