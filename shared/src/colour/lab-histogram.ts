/** Distinct colours of a packed Lab sample with how many samples each has: k-means then runs once per colour. */
export interface LabHistogram {
  /** Packed Lab triplets, one per distinct colour, in order of first appearance. */
  lab: Float32Array;
  /** Samples of each colour, in the same order. */
  weights: Float64Array;
}

/**
 * Groups bit-identical triplets (open addressing on the floats' bits). A sample shrunk from 8-bit sRGB holds a few
 * thousand distinct colours among its ~44k pixels at 256 px, so every k-means step after this is ~10× cheaper.
 */
export function labHistogram(samples: Float32Array): LabHistogram {
  const n = samples.length / 3;
  const bits = new Uint32Array(samples.buffer, samples.byteOffset, samples.length);
  let size = 1024;
  while (size < n * 2) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const first = new Int32Array(n);
  const weights = new Float64Array(n);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const x = bits[i * 3]!;
    const y = bits[i * 3 + 1]!;
    const z = bits[i * 3 + 2]!;
    let slot = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77) ^ Math.imul(z, 0xc2b2ae3d)) & (size - 1);
    for (;;) {
      const at = slots[slot]!;
      if (at < 0) {
        slots[slot] = distinct;
        first[distinct] = i;
        weights[distinct++] = 1;
        break;
      }
      const j = first[at]!;
      if (bits[j * 3] === x && bits[j * 3 + 1] === y && bits[j * 3 + 2] === z) {
        weights[at]!++;
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
  }
  const lab = new Float32Array(distinct * 3);
  for (let d = 0; d < distinct; d++) lab.set(samples.subarray(first[d]! * 3, first[d]! * 3 + 3), d * 3);
  return { lab, weights: weights.slice(0, distinct) };
}

/** At most `max` of the histogram's colours, every ⌈n / max⌉-th, with their weights: a deterministic thinning. */
export function thinned(histogram: LabHistogram, max: number): LabHistogram {
  const n = histogram.weights.length;
  if (n <= max) return histogram;
  const stride = Math.ceil(n / max);
  const kept = Math.ceil(n / stride);
  const lab = new Float32Array(kept * 3);
  const weights = new Float64Array(kept);
  for (let j = 0; j < kept; j++) {
    lab.set(histogram.lab.subarray(j * stride * 3, j * stride * 3 + 3), j * 3);
    weights[j] = histogram.weights[j * stride]!;
  }
  return { lab, weights };
}
