import { describe, expect, it } from 'vitest';
import type { PaletteColour, Rgb } from '../domain/palette';
import { toHex } from '../domain/palette';
import { rgbToLab } from './lab';
import { createRng } from './prng';
import { planRecolour, RECOLOUR_VERSION, recolourLookup } from './recolour';

const colour = (rgb: Rgb, share: number): PaletteColour => ({
  hex: toHex(rgb),
  rgb,
  lab: rgbToLab(...rgb),
  share,
});
const grey = (v: number, share: number) => colour([v, v, v], share);
const lightness = (rgb: Rgb) => rgbToLab(...rgb)[0];
const chroma = (rgb: Rgb) => Math.hypot(rgbToLab(...rgb)[1], rgbToLab(...rgb)[2]);
const hue = (rgb: Rgb) => {
  const [, a, b] = rgbToLab(...rgb);
  return ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
};
const hueGap = (x: number, y: number) => Math.min(Math.abs(x - y), 360 - Math.abs(x - y));

const photo = [grey(240, 0.2), grey(26, 0.4), grey(128, 0.2), grey(85, 0.1), grey(176, 0.1)];
const cool = [
  colour([14, 42, 71], 0.35),
  colour([31, 111, 139], 0.2),
  colour([153, 193, 222], 0.18),
  colour([230, 240, 245], 0.15),
  colour([79, 176, 165], 0.12),
];
const warm = [
  colour([242, 230, 208], 0.32),
  colour([200, 85, 61], 0.22),
  colour([233, 162, 59], 0.18),
  colour([61, 43, 38], 0.16),
  colour([140, 59, 47], 0.12),
];

function randomPalette(rng: () => number, size: number): PaletteColour[] {
  const shares = Array.from({ length: size }, () => rng() + 0.01);
  const total = shares.reduce((a, b) => a + b, 0);
  const byte = () => Math.floor(rng() * 256);
  return shares.map((share) => colour([byte(), byte(), byte()], share / total));
}

describe('planRecolour', () => {
  it('when planned, then there is one step per source colour, in the source order', () => {
    const plan = planRecolour(photo, cool);
    expect(RECOLOUR_VERSION).toBe('recolour@1');
    expect(plan.map((s) => s.from)).toEqual(photo.map((c) => c.rgb));
  });

  it('when palettes of any size are mapped, then the lightness order of the clusters is kept', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 300; trial += 1) {
      const source = randomPalette(rng, 2 + Math.floor(rng() * 12));
      const plan = planRecolour(source, randomPalette(rng, 1 + Math.floor(rng() * 16)));
      const pairs = plan
        .map((s) => [lightness(s.from), lightness(s.to)] as const)
        .sort((x, y) => x[0] - y[0]);
      for (let i = 1; i < pairs.length; i += 1) {
        if (pairs[i]![0] > pairs[i - 1]![0]) expect(pairs[i]![1]).toBeGreaterThan(pairs[i - 1]![1]);
      }
      for (const [sourceL, outL] of pairs) expect(Math.abs(outL - sourceL)).toBeLessThan(4.5);
    }
  });

  it('when there are as many targets as clusters, then each takes the hue of the target of the same lightness rank', () => {
    const plan = planRecolour(photo, cool);
    const rank = (rgbs: Rgb[]) =>
      rgbs.map((rgb) => rgbs.filter((other) => lightness(other) < lightness(rgb)).length);
    const sourceRanks = rank(photo.map((c) => c.rgb));
    const targetsByRank = [...cool].sort((x, y) => lightness(x.rgb) - lightness(y.rgb));
    for (const [i, step] of plan.entries()) {
      const target = targetsByRank[sourceRanks[i]!]!.rgb;
      expect(Math.abs(lightness(step.to) - lightness(step.from))).toBeLessThan(1);
      if (chroma(step.to) > 8) expect(hueGap(hue(step.to), hue(target))).toBeLessThan(4);
    }
  });

  it('when the hue is too vivid for the cluster lightness, then chroma is reduced and the hue kept', () => {
    const blue: Rgb = [0, 0, 255];
    const [step] = planRecolour([grey(230, 1)], [colour(blue, 1)]);
    expect(Math.abs(lightness(step!.to) - lightness([230, 230, 230]))).toBeLessThan(1);
    expect(chroma(step!.to)).toBeGreaterThan(8);
    expect(chroma(step!.to)).toBeLessThan(chroma(blue));
    expect(hueGap(hue(step!.to), hue(blue))).toBeLessThan(4);
  });

  it('when any palettes are mapped, then every vivid output takes the hue of a target colour', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 100; trial += 1) {
      const targets = randomPalette(rng, 1 + Math.floor(rng() * 10));
      for (const step of planRecolour(randomPalette(rng, 2 + Math.floor(rng() * 10)), targets)) {
        if (chroma(step.to) < 10) continue;
        const gaps = targets.filter((t) => chroma(t.rgb) > 5).map((t) => hueGap(hue(step.to), hue(t.rgb)));
        expect(Math.min(...gaps)).toBeLessThan(4);
      }
    }
  });

  it('when planned twice, or with the target palettes in another order, then the plan is the same', () => {
    const plan = planRecolour(photo, [...cool, ...warm]);
    expect(planRecolour(photo, [...cool, ...warm])).toEqual(plan);
    expect(planRecolour(photo, [...warm, ...cool])).toEqual(plan);
  });

  it('when there are fewer targets than clusters, then every target is used and some are reused', () => {
    const two = [cool[0]!, cool[2]!];
    const plan = planRecolour(photo, two);
    const hues = plan.filter((s) => chroma(s.to) > 8).map((s) => hue(s.to));
    for (const target of two) expect(hues.some((h) => hueGap(h, hue(target.rgb)) < 4)).toBe(true);
    const [darkest, lightest] = [plan[1]!, plan[0]!];
    expect(hueGap(hue(darkest.to), hue(cool[0]!.rgb))).toBeLessThan(4);
    expect(hueGap(hue(lightest.to), hue(cool[2]!.rgb))).toBeLessThan(4);
  });

  it('when there are more targets than clusters, then distinct targets are chosen, the dominant one for the dominant cluster', () => {
    const source = [grey(40, 0.8), grey(220, 0.2)];
    const dominant = colour([120, 40, 160], 0.6);
    const targets = [
      colour([20, 60, 20], 0.1),
      dominant,
      colour([200, 160, 60], 0.1),
      colour([250, 200, 200], 0.2),
    ];
    const [dark, light] = planRecolour(source, targets);
    expect(hueGap(hue(dark!.to), hue(dominant.rgb))).toBeLessThan(4);
    expect(hueGap(hue(light!.to), hue(targets[3]!.rgb))).toBeLessThan(4);
  });

  it('when there is no source colour, then the plan is empty; when there is no target, then it refuses', () => {
    expect(planRecolour([], cool)).toEqual([]);
    expect(() => planRecolour(photo, [])).toThrow(RangeError);
  });
});

describe('recolourLookup', () => {
  it('when pixels match a step, then they are replaced once, and other pixels pass unchanged', () => {
    const map = recolourLookup([
      { from: [1, 2, 3], to: [4, 5, 6] },
      { from: [4, 5, 6], to: [7, 8, 9] },
    ]);
    const pixels = Uint8Array.from([1, 2, 3, 1, 2, 3, 4, 5, 6, 9, 9, 9, 1, 2, 3, 1, 2]);
    map(pixels);
    expect([...pixels]).toEqual([4, 5, 6, 4, 5, 6, 7, 8, 9, 9, 9, 9, 4, 5, 6, 1, 2]);
  });

  it('when a posterised image is mapped with its plan, then it holds only the planned colours', () => {
    const plan = planRecolour(photo, warm);
    const pixels = new Uint8Array(3 * 10_000);
    for (let p = 0; p < 10_000; p += 1) pixels.set(photo[Math.floor(p / 7) % photo.length]!.rgb, p * 3);
    recolourLookup(plan)(pixels);
    const seen = new Set<string>();
    for (let i = 0; i < pixels.length; i += 3) seen.add(toHex([pixels[i]!, pixels[i + 1]!, pixels[i + 2]!]));
    expect([...seen].sort()).toEqual(plan.map((s) => toHex(s.to)).sort());
  });
});
