import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Vibrant } from 'node-vibrant/node';
import sharp from 'sharp';
import { SharpColourImaging } from '@photo/shared/adapters/sharp/colour-imaging.sharp';
import { KMEANS_ALGORITHM, kmeansLab } from '@photo/shared/colour/kmeans';
import { labToRgb } from '@photo/shared/colour/lab';
import type { Rgb } from '@photo/shared/domain/palette';
import type { BenchContext, Benchmark, Table } from './lib/benchmark';
import { imagesIn, syntheticImages, type BenchImage } from './palette.images';
import { histogramOf, paletteQuality, type PaletteQuality } from './palette.quality';
import { paletteHeadlines } from './palette.report';

/**
 * 4 is here because sharp 0.34.5 turns `colours: 8` into a 2-bit PNG, so libimagequant's "8" is 4 colours (rounding
 * fixed upstream in lovell/sharp#4569, which makes it 16: libvips palettes are 2, 4, 16 or 256 entries). k = 4 and 16
 * compare equal colour counts.
 */
const KS = [4, 8, 16];
/** The goal: a lower mean ΔE00 than libimagequant on the same 256 px sample on every image, in no more time. */
const GOAL_K = 16;
const RUNS = 3;
/** The side the clustering worker fits k-means on; libimagequant is also run on the same sample for a like-for-like row. */
const SAMPLE_SIDE = 256;
const LIMITS = { maxPixels: 100_000_000 };

interface Method {
  label: string;
  /** node-vibrant always answers its 6 named swatches, whatever k. */
  usesK: boolean;
  palette(path: string, k: number): Promise<Rgb[]>;
}

const imaging = new SharpColourImaging();

const METHODS: Method[] = [
  {
    label: `ours: ${KMEANS_ALGORITHM}, sampleLab ${SAMPLE_SIDE}px`,
    usesK: true,
    async palette(path, k) {
      const { lab } = await imaging.sampleLab(path, SAMPLE_SIDE, LIMITS);
      return kmeansLab(lab, k).centroids.map(([L, a, b]) => labToRgb(L, a, b));
    },
  },
  {
    label: 'sharp libimagequant, full image',
    usesK: true,
    palette: async (path, k) =>
      plteColours(await sharp(path).png({ palette: true, colours: k, dither: 0 }).toBuffer()),
  },
  {
    label: `sharp libimagequant, ${SAMPLE_SIDE}px`,
    usesK: true,
    palette: async (path, k) =>
      plteColours(
        await sharp(path)
          .rotate()
          .resize(SAMPLE_SIDE, SAMPLE_SIDE, { fit: 'inside', withoutEnlargement: true })
          .png({ palette: true, colours: k, dither: 0 })
          .toBuffer(),
      ),
  },
  {
    label: 'node-vibrant 4 (6 swatches max)',
    usesK: false,
    async palette(path) {
      const swatches = Object.values(await Vibrant.from(path).getPalette());
      return swatches.flatMap((s) => (s ? [s.rgb.map((v) => Math.round(v)) as Rgb] : []));
    },
  },
];

interface Result {
  image: string;
  method: Method;
  k: number;
  colours: number;
  ms: number;
  quality: PaletteQuality;
}

export const paletteBenchmark: Benchmark = {
  name: 'palette',
  title: `colour palette at equal k (${KS.join(', ')}): ours vs sharp/libimagequant vs node-vibrant`,
  async run(ctx) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-palette-'));
    try {
      const realDir = process.env.BENCH_PALETTE_DIR;
      const images = realDir ? await imagesIn(realDir) : await syntheticImages(dir);
      ctx.log(
        `${images.length} images from ${realDir ?? 'synthetic scenes (BENCH_PALETTE_DIR=/path for real photos)'}`,
      );
      // One unmeasured pass, so the first measured run does not pay for JIT, libvips start-up or module loading.
      for (const method of METHODS) await method.palette(images[0]!.path, KS[0]!);
      const results: Result[] = [];
      for (const image of images) {
        if (ctx.signal.aborted) break;
        results.push(...(await measureImage(ctx, image)));
      }
      const printed = table(results);
      const names = images.filter((i) => results.some((r) => r.image === i.name)).map((i) => i.name);
      return {
        headlines: paletteHeadlines(printed, GOAL_K, names, METHODS[0]!.label, METHODS[2]!.label),
        notes: notes(images, results),
        table: printed,
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function measureImage(ctx: BenchContext, image: BenchImage): Promise<Result[]> {
  const meta = await sharp(image.path).metadata();
  ctx.log(`${image.name}: ${meta.width}x${meta.height}, quality pass on ~1 MP`);
  const histogram = await histogramOf(image.path);
  const results: Result[] = [];
  for (const method of METHODS) {
    let once: { palette: Rgb[]; ms: number } | undefined;
    for (const k of KS) {
      // A method that ignores k is timed once and reported on every k row.
      const measured: { palette: Rgb[]; ms: number } =
        method.usesK || !once ? await timed(method, image.path, k) : once;
      once = measured;
      results.push({
        image: image.name,
        method,
        k,
        colours: measured.palette.length,
        ms: measured.ms,
        quality: paletteQuality(histogram, measured.palette),
      });
    }
  }
  return results;
}

async function timed(method: Method, path: string, k: number): Promise<{ palette: Rgb[]; ms: number }> {
  const times: number[] = [];
  let palette: Rgb[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    palette = await method.palette(path, k);
    times.push(performance.now() - started);
  }
  return { palette, ms: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]! };
}

/** The RGB entries of a PNG's PLTE chunk: libimagequant's palette, as sharp wrote it. */
function plteColours(png: Buffer): Rgb[] {
  for (let at = 8; at + 8 <= png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'PLTE') {
      const colours: Rgb[] = [];
      for (let i = at + 8; i < at + 8 + length; i += 3) colours.push([png[i]!, png[i + 1]!, png[i + 2]!]);
      return colours;
    }
    at += length + 12;
  }
  throw new Error('the PNG has no PLTE chunk: sharp did not write a palette image');
}

function table(results: Result[]): Table {
  const row = (label: string, k: number, colours: string, ms: number, q: PaletteQuality) => ({
    label,
    cells: [String(k), colours, ms.toFixed(1), q.meanDe00.toFixed(3), q.labMse.toFixed(2)],
  });
  const rows = results.map((r) =>
    row(`${r.image} · ${r.method.label}`, r.k, String(r.colours), r.ms, r.quality),
  );
  for (const k of KS) {
    for (const method of METHODS) {
      const mine = results.filter((r) => r.k === k && r.method === method);
      const mean = (pick: (r: Result) => number) => mine.reduce((sum, r) => sum + pick(r), 0) / mine.length;
      const colours = `${Math.min(...mine.map((r) => r.colours))}-${Math.max(...mine.map((r) => r.colours))}`;
      rows.push(
        row(
          `mean of ${mine.length} images · ${method.label}`,
          k,
          colours,
          mean((r) => r.ms),
          {
            meanDe00: mean((r) => r.quality.meanDe00),
            labMse: mean((r) => r.quality.labMse),
          },
        ),
      );
    }
  }
  return { columns: ['k', 'colours', 'ms (median of 3)', 'mean ΔE00', 'Lab MSE'], rows };
}

function notes(images: BenchImage[], results: Result[]): string[] {
  const wins = KS.map((k) => {
    const byImage = images.map((image) => {
      const mine = results.filter((r) => r.k === k && r.image === image.name && r.method.usesK);
      return mine.reduce((best, r) => (r.quality.meanDe00 < best.quality.meanDe00 ? r : best)).method.label;
    });
    const counts = METHODS.filter((m) => m.usesK).map(
      (m) => `${m.label}: ${byImage.filter((l) => l === m.label).length}`,
    );
    return `k=${k}, lowest mean ΔE00 per image: ${counts.join('; ')}`;
  });
  return [
    `images: ${images.map((i) => i.name).join(', ')}; every method reads the same file from disc, decoding included in its time`,
    `quality: every pixel of the image shrunk to ~1 MP against the palette colours as RGB (ours: centroids rounded to sRGB); ` +
      `mean ΔE00 to the nearest colour by ΔE00, Lab MSE = mean ΔE76² to the nearest by ΔE76 (k-means' own objective)`,
    `node-vibrant 4 (node-vibrant/node, defaults: quality 5, 64 MMCQ colours) returns at most 6 swatches whatever k, ` +
      `picked for vibrancy rather than coverage: its rows are timed once and repeated at each k`,
    `libimagequant: sharp png({ palette: true, colours: k, dither: 0 }), palette read from PLTE; the full-image row includes ` +
      `encoding the full-size PNG. sharp 0.34.5 writes colours: 8 as a 2-bit PNG, so its k=8 rows hold 4 colours: ` +
      `compare equal colour counts at k=4 and k=16`,
    ...wins,
  ];
}
