import { createHash } from 'node:crypto';
import type { Expression, GalleryLike } from '../domain/gallery';

export interface RecommendationInput {
  userId: string;
  expression: Expression | null;
  /** Candidate item ids (the catalog, newest first). */
  items: string[];
  /** Recent likes of everyone: what co-occurrence and popularity are counted from. */
  likes: GalleryLike[];
  exclude: Set<string>;
  limit: number;
  /** Same seed, same inputs, same answer: tests and reproducible evaluations fix it. */
  seed: number;
}

/** How many likes make a user's own history count fully (until then the current expression seeds the ranking). */
export const HISTORY_SATURATION = 5;
/** How much an unseen item's exploration bonus can weigh against a perfectly matching one. */
export const EXPLORATION_WEIGHT = 0.25;

/**
 * Ranks catalog items for a user, from likes alone:
 *
 * - **co-occurrence**: items liked by people who liked what the user liked (each pair weighted by
 *   1 / sqrt(pop(a)·pop(b)), so a popular item does not co-occur with everything);
 * - **expression-tagged popularity**: items liked by people who showed the same expression when they liked them,
 *   beside plain popularity;
 * - **exploration**: items with few likes get a bonus scaled by a seeded random draw, so new items get seen.
 *
 * The blend moves from expression-seeded popularity to the user's own co-occurrence as their likes accumulate
 * (HISTORY_SATURATION). Excluded items are never returned.
 */
export function rankItems(input: RecommendationInput): string[] {
  const popularity = new Map<string, number>();
  const expressionPopularity = new Map<string, number>();
  const likersOf = new Map<string, Set<string>>();
  const likedBy = new Map<string, Set<string>>();
  for (const like of input.likes) {
    popularity.set(like.itemId, (popularity.get(like.itemId) ?? 0) + 1);
    if (input.expression !== null && like.expression === input.expression) {
      expressionPopularity.set(like.itemId, (expressionPopularity.get(like.itemId) ?? 0) + 1);
    }
    setOf(likersOf, like.itemId).add(like.userId);
    setOf(likedBy, like.userId).add(like.itemId);
  }

  const mine = likedBy.get(input.userId) ?? new Set<string>();
  const cooccurrence = new Map<string, number>();
  for (const liked of mine) {
    for (const other of likersOf.get(liked) ?? []) {
      if (other === input.userId) continue;
      for (const item of likedBy.get(other) ?? []) {
        if (mine.has(item)) continue;
        const weight = 1 / Math.sqrt((popularity.get(item) ?? 1) * (popularity.get(liked) ?? 1));
        cooccurrence.set(item, (cooccurrence.get(item) ?? 0) + weight);
      }
    }
  }

  const maxOf = (m: Map<string, number>) => Math.max(1e-9, ...m.values());
  const [maxCo, maxPop, maxExpr] = [maxOf(cooccurrence), maxOf(popularity), maxOf(expressionPopularity)];
  const history = Math.min(1, mine.size / HISTORY_SATURATION);

  const scored = input.items
    .filter((item) => !input.exclude.has(item))
    .map((item) => {
      const pop = popularity.get(item) ?? 0;
      const seeded = 0.7 * ((expressionPopularity.get(item) ?? 0) / maxExpr) + 0.3 * (pop / maxPop);
      const personal = (cooccurrence.get(item) ?? 0) / maxCo;
      const explore = (EXPLORATION_WEIGHT * unitHash(input.seed, input.userId, item)) / (1 + pop);
      return { item, score: history * personal + (1 - history) * seeded + explore };
    });
  scored.sort((a, b) => b.score - a.score || a.item.localeCompare(b.item));
  return scored.slice(0, input.limit).map((s) => s.item);
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/** A draw in [0, 1) fixed by (seed, user, item): the same whatever order items are scored in. */
function unitHash(seed: number, userId: string, itemId: string): number {
  return (
    createHash('sha256').update(`${seed}\u0000${userId}\u0000${itemId}`).digest().readUInt32BE(0) / 2 ** 32
  );
}
