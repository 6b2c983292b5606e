import { describe, expect, it } from 'vitest';
import { Assignment } from './kmeans-assignment';
import { createRng } from './prng';

function bruteForce(samples: Float32Array, centres: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < samples.length; i += 3) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < centres.length; c += 3) {
      const d =
        (samples[i]! - centres[c]!) ** 2 +
        (samples[i + 1]! - centres[c + 1]!) ** 2 +
        (samples[i + 2]! - centres[c + 2]!) ** 2;
      if (d < bestD) {
        bestD = d;
        best = c / 3;
      }
    }
    out.push(best);
  }
  return out;
}

describe('Assignment', () => {
  it('when centroids move step by step, then the bounded update gives the same assignment as a full search', () => {
    const random = createRng(11);
    const samples = Float32Array.from({ length: 3000 * 3 }, () => random() * 100 - 50);
    let centres = Float64Array.from({ length: 12 * 3 }, () => random() * 100 - 50);
    const assignment = new Assignment(samples);
    assignment.assignAll(centres);
    expect([...assignment.nearest]).toEqual(bruteForce(samples, centres));

    for (let step = 0; step < 15; step++) {
      const scale = step < 5 ? 10 : 0.5; // big moves first, then the small ones of a converging run
      const moved = centres.map((v) => v + (random() - 0.5) * scale);
      const shifts = new Float64Array(12).map((_, c) =>
        Math.hypot(
          moved[c * 3]! - centres[c * 3]!,
          moved[c * 3 + 1]! - centres[c * 3 + 1]!,
          moved[c * 3 + 2]! - centres[c * 3 + 2]!,
        ),
      );
      centres = moved;
      assignment.update(centres, shifts);
      expect([...assignment.nearest]).toEqual(bruteForce(samples, centres));
    }
  });

  it('when there is a single centroid, then every sample belongs to it and its distances are exact', () => {
    const samples = Float32Array.from([0, 0, 0, 3, 4, 0]);
    const assignment = new Assignment(samples);
    assignment.assignAll(Float64Array.from([0, 0, 0]));
    assignment.update(Float64Array.from([1, 0, 0]), Float64Array.from([1]));
    expect([...assignment.nearest]).toEqual([0, 0]);
    expect([...assignment.squaredDistances(Float64Array.from([1, 0, 0]))]).toEqual([1, 20]);
  });
});
