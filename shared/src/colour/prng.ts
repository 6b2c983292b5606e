/**
 * mulberry32: a 32-bit seeded generator, uniform on [0, 1). Not cryptographic; it makes seeded choices (artwork layouts, test
 * data) reproducible: the same seed always gives the same sequence.
 */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
