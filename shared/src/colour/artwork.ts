import type { Lab, Palette, Rgb } from '../domain/palette';
import { toHex } from '../domain/palette';
import { rgbToLab } from './lab';
import { createRng } from './prng';

/**
 * A poster composed from a palette: a Swiss/Bauhaus tile grid around a panel where the worker places the clustered
 * photo, over a swatch bar with one block per colour. Pure and deterministic: the same palette and seed give a
 * byte-identical SVG. Geometry is axis-aligned (no trigonometry), so the output does not depend on the platform's
 * floating-point maths. Bump the version when the output changes, since renders are cached under it.
 */
export const ARTWORK_VERSION = 'poster@1';

export interface ArtworkPanel {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Rounded corners of the box, in pixels (0 for square). */
  radius: number;
}

export interface Artwork {
  svg: string;
  panel: ArtworkPanel;
}

export interface ArtworkOptions {
  width: number;
  height: number;
  seed: string;
}

/**
 * Lightness variations used when a palette is nearly monochrome: a tint (mixed with white) and a shade (mixed with
 * black) of the dominant colour, so shapes stay distinguishable. Every fill is a palette colour or one of these mixes.
 */
export const TINT_MIX = 0.6;
export const SHADE_MIX = 0.55;

interface Ink {
  hex: string;
  rgb: Rgb;
  lab: Lab;
  weight: number;
}

/** A tile's colours: its ground, its shape, and an accent standing out from both. */
interface TileInks {
  ground: Ink;
  fg: Ink;
  accent: Ink;
}

type Rng = () => number;
type Box = { x: number; y: number; width: number; height: number };

/** Below this lightness span (L*) the palette counts as nearly monochrome. */
const MONOCHROME_SPAN = 30;
/** Shapes must differ from what they sit on by at least this ΔE (CIE76) when the palette allows it. */
const MIN_CONTRAST = 22;
const COLUMNS = 4;

export function composeArtwork(palette: Palette, options: ArtworkOptions): Artwork {
  const { width, height } = options;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`composeArtwork needs positive integer dimensions, got ${width}x${height}`);
  }
  if (palette.colours.length === 0) throw new RangeError('composeArtwork needs at least one palette colour');
  const rng = createRng(hashSeed(`${ARTWORK_VERSION}\n${options.seed}`));
  const swatches = paletteInks(palette);
  const background = pickBackground(swatches);
  const inks = withLightnessVariations(swatches, background);

  // Square cells, four across the short side; the height the rows leave over is shared between the top margin, the
  // gap above the swatch bar and the bottom margin, so the grid never ends in an awkward half row.
  const margin = Math.round(Math.min(width, height) * 0.075);
  const cell = Math.max(1, Math.floor((Math.min(width, height) - 2 * margin) / COLUMNS));
  const barHeight = Math.max(1, Math.round(cell * 0.2));
  const barGap = Math.round(margin * 0.6);
  const cols = Math.max(1, Math.floor((width - 2 * margin) / cell));
  const rows = Math.max(1, Math.floor((height - 2 * margin - barHeight - barGap) / cell));
  const spare = Math.max(0, height - 2 * margin - barHeight - barGap - rows * cell);
  const gridLeft = Math.round((width - cols * cell) / 2);
  const gridTop = margin + Math.round(spare * 0.35);
  const barTop = gridTop + rows * cell + barGap + Math.round(spare * 0.25);
  const block = choosePanelBlock(cols, rows, rng);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="${background.hex}"/>`,
  ];
  const painted: (TileInks | undefined)[][] = [];
  out.push('<g id="tiles">');
  for (let r = 0; r < rows; r += 1) {
    painted.push([]);
    for (let c = 0; c < cols; c += 1) {
      if (c >= block.col && c < block.col + block.cols && r >= block.row && r < block.row + block.rows) {
        painted[r]!.push(undefined);
        continue;
      }
      const neighbours = [painted[r]![c - 1], painted[r - 1]?.[c]].filter((t) => t !== undefined);
      const ground = pickGround(inks, background, neighbours, rng);
      // The shape avoids the colours of the tiles it touches, so it does not melt into them, when the palette allows.
      const fg = pickContrasting(
        inks,
        [ground],
        rng,
        neighbours.flatMap((t) => [t.ground, t.fg]),
      );
      const inked = { ground, fg, accent: pickContrasting(inks, [fg, ground], rng) };
      painted[r]!.push(inked);
      out.push(tile(gridLeft + c * cell, gridTop + r * cell, cell, inked, ground === background, rng));
    }
  }
  out.push('</g>');

  const inset = Math.round(cell * 0.06);
  const panel: ArtworkPanel = {
    left: gridLeft + block.col * cell + inset,
    top: gridTop + block.row * cell + inset,
    width: Math.max(1, block.cols * cell - 2 * inset),
    height: Math.max(1, block.rows * cell - 2 * inset),
    radius: Math.round(cell * 0.08),
  };
  const bar = { x: gridLeft, y: barTop, width: cols * cell, height: barHeight };
  out.push(swatchBar(swatches, mostContrasting(inks, [background]), bar));
  out.push('</svg>');
  return { svg: out.join(''), panel };
}

/**
 * Where the photo goes, in grid cells: a band across the grid (at the top, or under one row of shapes) unless it would
 * be wider than 2:1, or a square to one side. At least one row or column is left for shapes.
 */
function choosePanelBlock(cols: number, rows: number, rng: Rng) {
  const band = Math.min(rows - 1, Math.max(1, Math.round(cols * 0.75)));
  const square = cols > rows ? Math.min(rows, cols - 1) : Math.min(rows - 1, cols - 1);
  const candidates = [
    { col: 0, row: 0, cols, rows: band },
    { col: 0, row: 0, cols: square, rows: square },
    { col: cols - square, row: 0, cols: square, rows: square },
    { col: 0, row: 1, cols, rows: band },
  ].filter((b) => b.cols >= 1 && b.rows >= 1 && b.cols <= 2 * b.rows && b.row + b.rows <= rows);
  const fallback = { col: 0, row: 0, cols: Math.min(cols, rows), rows: Math.min(cols, rows) };
  return candidates[Math.floor(rng() * candidates.length)] ?? fallback;
}

/** One grid cell: its ground (left out when it is the page's background) and one shape, turned by a quarter turn. */
function tile(x: number, y: number, s: number, { ground, fg, accent }: TileInks, bare: boolean, rng: Rng) {
  const rotate = Math.floor(rng() * 4) * 90;
  const h = s / 2;
  const arcs = () => quarter(s, s, fg) + quarter(s, (s * 2) / 3, ground) + quarter(s, s / 3, fg);
  const shapes = [
    {
      weight: 3,
      draw: () => circle(h, h, s * 0.42, fg) + (rng() < 0.45 ? circle(h, h, s * 0.17, accent) : ''),
    },
    {
      weight: 3,
      draw: () => `<path d="M0 ${n(s)}A${n(h)} ${n(h)} 0 0 1 ${n(s)} ${n(s)}Z" fill="${fg.hex}"/>`,
    },
    { weight: 3, draw: () => quarter(s, s, fg) },
    { weight: 2, draw: arcs },
    { weight: 2, draw: () => stripes(s, 3 + Math.floor(rng() * 3), fg) },
    { weight: 2, draw: () => rect(0, 0, h, s, fg) + (rng() < 0.6 ? circle(h, h, s * 0.25, accent) : '') },
    { weight: 1, draw: () => circle(h, h, s * 0.42, fg) + circle(h, h, s * 0.24, ground) },
    { weight: bare ? 0 : 1, draw: () => '' },
  ];
  const body = weightedPick(shapes, rng).draw();
  const groundRect = bare ? '' : rect(0, 0, s, s, ground);
  const turn = rotate === 0 ? '' : ` rotate(${rotate} ${n(h)} ${n(h)})`;
  return `<g transform="translate(${x} ${y})${turn}">${groundRect}${body}</g>`;
}

const circle = (cx: number, cy: number, r: number, ink: Ink) =>
  `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${ink.hex}"/>`;
const rect = (x: number, y: number, w: number, h: number, ink: Ink) =>
  `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${ink.hex}"/>`;
/** A quarter disc of radius r centred on the bottom-left corner of a tile of side s. */
const quarter = (s: number, r: number, ink: Ink) =>
  `<path d="M0 ${n(s - r)}A${n(r)} ${n(r)} 0 0 1 ${n(r)} ${n(s)}L0 ${n(s)}Z" fill="${ink.hex}"/>`;

function stripes(s: number, count: number, ink: Ink): string {
  const pitch = s / count;
  let out = '';
  for (let i = 0; i < count; i += 1) out += rect(i * pitch + pitch / 4, 0, pitch / 2, s, ink);
  return out;
}

/** One block per palette colour, as wide as its share; outlined, so a block in the background colour still reads. */
function swatchBar(swatches: Ink[], outline: Ink, { x, y, width, height }: Box): string {
  const total = swatches.reduce((sum, ink) => sum + ink.weight, 0);
  let cumulative = 0;
  let out = '';
  for (const ink of swatches) {
    const from = x + Math.round((cumulative / total) * width);
    cumulative += ink.weight;
    const to = x + Math.round((cumulative / total) * width);
    if (to > from)
      out += `<rect x="${from}" y="${y}" width="${to - from}" height="${height}" fill="${ink.hex}"/>`;
  }
  const stroke = Math.max(1, Math.round(height * 0.04));
  const frame = `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="none" stroke="${outline.hex}" stroke-width="${stroke}"/>`;
  return `<g id="swatches">${out}${frame}</g>`;
}

function paletteInks(palette: Palette): Ink[] {
  const byHex = new Map<string, Ink>();
  for (const colour of palette.colours) {
    const hex = toHex(colour.rgb);
    const ink = byHex.get(hex) ?? { hex, rgb: colour.rgb, lab: rgbToLab(...colour.rgb), weight: 0 };
    ink.weight += Math.max(0, colour.share);
    byHex.set(hex, ink);
  }
  const inks = [...byHex.values()];
  const total = inks.reduce((sum, ink) => sum + ink.weight, 0);
  for (const ink of inks) ink.weight = total > 0 ? ink.weight / total : 1 / inks.length;
  return inks;
}

/** The darkest or the lightest colour: whichever stands furthest, share-weighted, from the rest of the palette. */
function pickBackground(inks: Ink[]): Ink {
  const byLightness = [...inks].sort((a, b) => a.lab[0] - b.lab[0]);
  const darkest = byLightness[0]!;
  const lightest = byLightness[byLightness.length - 1]!;
  const spread = (ground: Ink) => inks.reduce((sum, ink) => sum + ink.weight * deltaE(ink, ground), 0);
  return spread(lightest) >= spread(darkest) ? lightest : darkest;
}

function withLightnessVariations(inks: Ink[], background: Ink): Ink[] {
  const lightness = inks.map((ink) => ink.lab[0]);
  if (Math.max(...lightness) - Math.min(...lightness) >= MONOCHROME_SPAN) return inks;
  const dominant = inks.reduce((best, ink) => (ink.weight > best.weight ? ink : best));
  const base =
    dominant === background && inks.length > 1 ? inks.find((ink) => ink !== background)! : dominant;
  const tint = mixedInk(base.rgb, 255, TINT_MIX, 0.25);
  const shade = mixedInk(base.rgb, 0, SHADE_MIX, 0.25);
  return [...inks.map((ink) => ({ ...ink, weight: ink.weight * 0.5 })), tint, shade];
}

function mixedInk(rgb: Rgb, towards: number, amount: number, weight: number): Ink {
  const mixed = rgb.map((v) => Math.round(v + (towards - v) * amount)) as Rgb;
  return { hex: toHex(mixed), rgb: mixed, lab: rgbToLab(...mixed), weight };
}

/**
 * A tile's ground, drawn by share: the background itself (the shape then floats on the page) or an ink standing out
 * from the background; when the palette allows, one differing from the grounds to its left and above.
 */
function pickGround(inks: Ink[], background: Ink, neighbours: TileInks[], rng: Rng): Ink {
  const bold = inks.filter((ink) => ink === background || deltaE(ink, background) >= MIN_CONTRAST);
  const candidates = bold.length > 0 ? bold : inks;
  const apart = candidates.filter((ink) =>
    neighbours.every(
      ({ ground }) => ground !== ink && (ground === background || deltaE(ink, ground) >= MIN_CONTRAST),
    ),
  );
  return weightedPick(apart.length > 0 ? apart : candidates, rng);
}

/**
 * An ink drawn by share among those standing out from every one of `against` (and, if any are left, not one of
 * `rather`); the most distinct one when none stands out.
 */
function pickContrasting(inks: Ink[], against: Ink[], rng: Rng, rather: Ink[] = []): Ink {
  const distinct = inks.filter((ink) => against.every((other) => deltaE(ink, other) >= MIN_CONTRAST));
  const preferred = distinct.filter((ink) => !rather.includes(ink));
  if (distinct.length > 0) return weightedPick(preferred.length > 0 ? preferred : distinct, rng);
  return mostContrasting(inks, against);
}

/** The ink whose smallest ΔE to any of `against` is the largest (the first on ties). */
function mostContrasting(inks: Ink[], against: Ink[]): Ink {
  const spread = (ink: Ink) => Math.min(...against.map((other) => deltaE(ink, other)));
  return inks.reduce((best, ink) => (spread(ink) > spread(best) ? ink : best));
}

function weightedPick<T extends { weight: number }>(items: T[], rng: Rng): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let pick = rng() * total;
  for (const item of items) {
    pick -= item.weight;
    if (pick < 0) return item;
  }
  return items.findLast((item) => item.weight > 0) ?? items[items.length - 1]!;
}

const deltaE = (a: Ink, b: Ink) => Math.hypot(a.lab[0] - b.lab[0], a.lab[1] - b.lab[1], a.lab[2] - b.lab[2]);

/** Two decimals at most, so the SVG stays small and its text does not depend on float noise. */
const n = (v: number) => String(Math.round(v * 100) / 100);

/** FNV-1a: the seed string as the 32-bit number the generator takes. */
function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
