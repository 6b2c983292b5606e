import { describe, expect, it } from 'vitest';
import type { Palette, Rgb } from '../domain/palette';
import { toHex } from '../domain/palette';
import { ARTWORK_VERSION, composeArtwork, SHADE_MIX, TINT_MIX } from './artwork';

const A4 = { width: 2480, height: 3508 };

function palette(colours: [string, number][]): Palette {
  const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
  return {
    paletteId: 'pal_000000000000000000000000',
    imageId: 'img_1',
    version: 1,
    k: colours.length,
    algorithm: 'kmeans-lab@1',
    createdAt: new Date(0),
    colours: colours.map(([hex, share]) => ({ hex, rgb: rgb(hex), lab: [0, 0, 0], share })),
  };
}

const warm = palette([
  ['#f2e6d0', 0.32],
  ['#c8553d', 0.22],
  ['#e9a23b', 0.18],
  ['#3d2b26', 0.16],
  ['#8c3b2f', 0.12],
]);
const nearlyGrey = palette([
  ['#6d7f8f', 0.4],
  ['#768899', 0.3],
  ['#64768a', 0.2],
  ['#7a8a96', 0.1],
]);

const colourAttributes = (svg: string) =>
  [...svg.matchAll(/(?:fill|stroke)="(#[0-9a-f]{6})"/g)].map((m) => m[1]!);
const tilesOf = (svg: string) => svg.slice(svg.indexOf('<g id="tiles">'), svg.indexOf('<g id="swatches">'));
const swatchesOf = (svg: string) => svg.slice(svg.indexOf('<g id="swatches">'));
const numbers = (attrs: string) =>
  Object.fromEntries([...attrs.matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

describe('composeArtwork', () => {
  it('when the same palette and seed are composed twice, then the SVG and the panel are identical', () => {
    const first = composeArtwork(warm, { ...A4, seed: 'img_1:pal_1' });
    const second = composeArtwork(warm, { ...A4, seed: 'img_1:pal_1' });
    expect(second.svg).toBe(first.svg);
    expect(second.panel).toEqual(first.panel);
    expect(ARTWORK_VERSION).toBe('poster@1');
  });

  it('when the seed changes, then the composition changes', () => {
    const svgs = new Set(['a', 'b', 'c', 'd'].map((seed) => composeArtwork(warm, { ...A4, seed }).svg));
    expect(svgs.size).toBe(4);
  });

  it('when composed at A4 300 dpi, then it is a small self-contained SVG of that size', () => {
    const { svg } = composeArtwork(warm, { ...A4, seed: 'x' });
    expect(
      svg.startsWith(
        '<svg xmlns="http://www.w3.org/2000/svg" width="2480" height="3508" viewBox="0 0 2480 3508">',
      ),
    ).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.length).toBeLessThan(200_000);
    expect(svg).not.toMatch(/<text|font|href|url\(|<image|<script/i);
    // Every element is self-closed or closed in order.
    const stack: string[] = [];
    for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
      if (closing) expect(stack.pop()).toBe(name);
      else if (!selfClosing) stack.push(name!);
    }
    expect(stack).toEqual([]);
  });

  it('when the palette has shares, then the swatch blocks are as wide as the shares, in palette order', () => {
    const { svg } = composeArtwork(warm, { ...A4, seed: 'x' });
    const blocks = [...swatchesOf(svg).matchAll(/<rect ([^>]*)\/>/g)]
      .map((m) => numbers(m[1]!))
      .filter((attrs) => attrs.fill !== 'none');
    const total = blocks.reduce((sum, b) => sum + Number(b.width), 0);
    expect(blocks.map((b) => b.fill)).toEqual(warm.colours.map((c) => c.hex));
    blocks.forEach((b, i) =>
      expect(Math.abs(Number(b.width) - warm.colours[i]!.share * total)).toBeLessThanOrEqual(1),
    );
    blocks
      .slice(1)
      .forEach((b, i) => expect(Number(b.x)).toBe(Number(blocks[i]!.x) + Number(blocks[i]!.width)));
  });

  it('when the palette is varied, then every colour drawn is a palette colour', () => {
    const allowed = new Set(warm.colours.map((c) => c.hex));
    for (const seed of ['a', 'b', 'c']) {
      const used = colourAttributes(composeArtwork(warm, { ...A4, seed }).svg);
      expect(used.filter((hex) => !allowed.has(hex))).toEqual([]);
    }
  });

  it('when the palette is nearly monochrome, then tints and shades of its colours vary the lightness', () => {
    const mix = (rgb: Rgb, towards: number, amount: number) =>
      toHex(rgb.map((v) => Math.round(v + (towards - v) * amount)) as Rgb);
    const variations = new Set(
      nearlyGrey.colours.flatMap((c) => [mix(c.rgb, 255, TINT_MIX), mix(c.rgb, 0, SHADE_MIX)]),
    );
    const allowed = new Set([...nearlyGrey.colours.map((c) => c.hex), ...variations]);
    const used = colourAttributes(composeArtwork(nearlyGrey, { ...A4, seed: 'a' }).svg);
    expect(used.filter((hex) => !allowed.has(hex))).toEqual([]);
    expect(used.some((hex) => variations.has(hex))).toBe(true);
  });

  it('when a tile is drawn, then its first shape differs from the ground it sits on', () => {
    for (const p of [warm, nearlyGrey]) {
      const { svg } = composeArtwork(p, { ...A4, seed: 'contrast' });
      const background = svg.match(/^<svg[^>]*><rect [^>]*fill="(#[0-9a-f]{6})"/)![1]!;
      const tiles = [...tilesOf(svg).matchAll(/<g transform="[^"]*">(.*?)<\/g>/g)].map((m) => m[1]!);
      expect(tiles.length).toBeGreaterThan(0);
      for (const body of tiles) {
        const fills = [...body.matchAll(/fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]!);
        const hasGround = /^<rect x="0" y="0"/.test(body);
        const ground = hasGround ? fills[0]! : background;
        const shape = hasGround ? fills[1] : fills[0];
        if (shape !== undefined) expect(shape).not.toBe(ground);
      }
    }
  });

  it('when composed, then the panel lies on the canvas, above the swatch bar, with rounded corners', () => {
    for (const size of [A4, { width: 3508, height: 2480 }, { width: 1240, height: 1754 }]) {
      for (const seed of ['a', 'b', 'c', 'd', 'e']) {
        const { svg, panel } = composeArtwork(warm, { ...size, seed });
        const barTop = Number(numbers(swatchesOf(svg).match(/<rect ([^>]*)\/>/)![1]!).y);
        expect(panel.left).toBeGreaterThan(0);
        expect(panel.left + panel.width).toBeLessThan(size.width);
        expect(panel.top).toBeGreaterThan(0);
        expect(panel.top + panel.height).toBeLessThan(barTop);
        expect(panel.width * panel.height).toBeGreaterThan(0.2 * size.width * size.height);
        expect(panel.radius).toBeGreaterThan(0);
        expect(Object.values(panel).every(Number.isInteger)).toBe(true);
      }
    }
  });

  it('when the canvas is tiny or the shares are all zero, then it still composes', () => {
    const zero = palette([
      ['#000000', 0],
      ['#ffffff', 0],
    ]);
    const { svg, panel } = composeArtwork(zero, { width: 12, height: 17, seed: 's' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(panel.width).toBeGreaterThan(0);
  });

  it('when the palette is empty or the size is not a positive integer, then it refuses', () => {
    expect(() => composeArtwork(palette([]), { ...A4, seed: 's' })).toThrow(RangeError);
    expect(() => composeArtwork(warm, { width: 0, height: 10, seed: 's' })).toThrow(RangeError);
    expect(() => composeArtwork(warm, { width: 10.5, height: 10, seed: 's' })).toThrow(RangeError);
  });
});
