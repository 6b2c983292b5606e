/**
 * CIELAB with its chroma compressed the way CIEDE2000 weighs it: ΔE00 divides a chroma difference by
 * S_C = 1 + 0.045·C, so a chroma C maps to ∫ dC / S_C = ln(1 + 0.045·C) / 0.045, hue angle and L unchanged. The hue
 * direction shrinks by about the same factor as ΔE00's S_H (0.52 against 0.57 at C = 50), so Euclidean distance here
 * follows ΔE00 far better than plain Lab does: saturated colours no longer take more than their share of a palette.
 */
const K = 0.045;

/** Packed Lab → packed compressed-chroma Lab. */
export const compressChroma = (lab: ArrayLike<number>): Float32Array =>
  rescaleChroma(lab, new Float32Array(lab.length), (c) => Math.log1p(K * c) / K);

/** Packed compressed-chroma Lab → packed Lab: the inverse of compressChroma. */
export const expandChroma = (compressed: ArrayLike<number>): Float64Array =>
  rescaleChroma(compressed, new Float64Array(compressed.length), (c) => Math.expm1(K * c) / K);

/** Copies packed Lab into `out` with each chroma C replaced by `chroma(C)`, hue angle and L unchanged. */
function rescaleChroma<T extends Float32Array | Float64Array>(
  lab: ArrayLike<number>,
  out: T,
  chroma: (c: number) => number,
): T {
  for (let i = 0; i < lab.length; i += 3) {
    const a = lab[i + 1]!;
    const b = lab[i + 2]!;
    const c = Math.hypot(a, b);
    const scale = c > 0 ? chroma(c) / c : 1;
    out[i] = lab[i]!;
    out[i + 1] = a * scale;
    out[i + 2] = b * scale;
  }
  return out;
}
