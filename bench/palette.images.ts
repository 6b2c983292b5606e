import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import sharp from 'sharp';
import { createRng } from '@photo/shared/colour/prng';

export interface BenchImage {
  name: string;
  path: string;
}

const WIDTH = 3000;
const HEIGHT = 2000;

/**
 * Photo-like scenes drawn as SVG, softened like a lens would, with sensor-like noise, saved as JPEG: smooth gradients,
 * a few dominant regions and many small accents, which is what separates the palette methods.
 */
const SCENES: Record<string, string> = {
  sunset: `
    <defs>
      <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
        <stop offset="0" stop-color="#2b1b4f"/><stop offset="0.45" stop-color="#c8505a"/><stop offset="0.7" stop-color="#f3a25b"/>
      </linearGradient>
      <radialGradient id="sun"><stop offset="0" stop-color="#fff6d0"/><stop offset="1" stop-color="#f7b955" stop-opacity="0"/></radialGradient>
    </defs>
    <rect width="3000" height="2000" fill="url(#sky)"/>
    <circle cx="1900" cy="1250" r="420" fill="url(#sun)"/>
    <path d="M0 1350 Q 600 1100 1200 1400 T 2400 1300 T 3000 1350 V2000 H0Z" fill="#3a2440"/>
    <path d="M0 1600 Q 900 1450 1600 1650 T 3000 1550 V2000 H0Z" fill="#1a1220"/>`,
  portrait: `
    <defs>
      <radialGradient id="bokeh"><stop offset="0" stop-color="#ffe08a" stop-opacity="0.8"/><stop offset="1" stop-color="#ffe08a" stop-opacity="0"/></radialGradient>
      <radialGradient id="skin" cx="0.45" cy="0.4"><stop offset="0" stop-color="#f1c7a5"/><stop offset="1" stop-color="#b67b5a"/></radialGradient>
    </defs>
    <rect width="3000" height="2000" fill="#35503f"/>
    ${Array.from({ length: 40 }, (_, i) => `<circle cx="${(i * 733) % 3000}" cy="${(i * 389) % 1400}" r="${60 + ((i * 37) % 120)}" fill="url(#bokeh)"/>`).join('')}
    <ellipse cx="1500" cy="950" rx="430" ry="560" fill="url(#skin)"/>
    <path d="M1050 900 Q 1100 250 1500 300 Q 1950 280 1960 900 Q 1850 520 1500 520 Q 1150 520 1050 900Z" fill="#2a1a12"/>
    <path d="M700 2000 Q 900 1450 1500 1480 Q 2100 1450 2300 2000Z" fill="#1f3f7a"/>
    <ellipse cx="1330" cy="900" rx="60" ry="30" fill="#3b2a20"/><ellipse cx="1670" cy="900" rx="60" ry="30" fill="#3b2a20"/>
    <path d="M1380 1200 Q 1500 1260 1620 1200" stroke="#a0444a" stroke-width="28" fill="none"/>`,
  party: `
    <defs>
      <radialGradient id="spot"><stop offset="0" stop-color="#ffffff" stop-opacity="0.9"/><stop offset="1" stop-color="#6040ff" stop-opacity="0"/></radialGradient>
    </defs>
    <rect width="3000" height="2000" fill="#0d0b1a"/>
    <ellipse cx="800" cy="300" rx="700" ry="500" fill="url(#spot)"/><ellipse cx="2300" cy="400" rx="600" ry="450" fill="url(#spot)"/>
    ${Array.from({ length: 400 }, (_, i) => {
      const hues = ['#ff2d6f', '#ffd23f', '#1fd1c2', '#7b2fff', '#ff7b00', '#2fa3ff'];
      return `<rect x="${(i * 1297) % 3000}" y="${(i * 743) % 2000}" width="${14 + (i % 30)}" height="${8 + (i % 14)}" fill="${hues[i % hues.length]}" transform="rotate(${(i * 47) % 180} ${(i * 1297) % 3000} ${(i * 743) % 2000})"/>`;
    }).join('')}
    ${Array.from({ length: 12 }, (_, i) => `<ellipse cx="${150 + i * 250}" cy="${1750 - (i % 3) * 60}" rx="130" ry="260" fill="#1b1626"/>`).join('')}`,
  lake: `
    <defs>
      <linearGradient id="sky2" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6fa8dc"/><stop offset="1" stop-color="#dbe9f4"/></linearGradient>
      <linearGradient id="water" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5c8fb0"/><stop offset="1" stop-color="#1e3d52"/></linearGradient>
    </defs>
    <rect width="3000" height="1100" fill="url(#sky2)"/>
    <path d="M0 1100 L 500 500 L 900 900 L 1400 350 L 2000 950 L 2500 600 L 3000 1000 V1100Z" fill="#7d8a99"/>
    <path d="M1250 470 L 1400 350 L 1550 480 Q 1400 430 1250 470Z" fill="#f4f6f8"/>
    ${Array.from({ length: 120 }, (_, i) => `<path d="M${i * 26} 1100 l 30 -${140 + ((i * 53) % 160)} l 30 ${140 + ((i * 53) % 160)}Z" fill="${i % 3 ? '#24502f' : '#2f6b3a'}"/>`).join('')}
    <rect y="1100" width="3000" height="900" fill="url(#water)"/>
    <path d="M300 1500 h 500 M1500 1650 h 700 M900 1800 h 300" stroke="#a9c6d8" stroke-width="6" opacity="0.6"/>
    <path d="M2200 1300 Q 2300 1230 2450 1300Z" fill="#c0392b"/>`,
};

/** Writes the synthetic scenes to `dir` as JPEG (quality 90); noise from a fixed seed, so every run measures the same. */
export async function syntheticImages(dir: string): Promise<BenchImage[]> {
  const images: BenchImage[] = [];
  let seed = 1;
  for (const [name, body] of Object.entries(SCENES)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">${body}</svg>`;
    const { data, info } = await sharp(Buffer.from(svg))
      .blur(2)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    addNoise(data, seed++);
    const path = join(dir, `${name}.jpg`);
    await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
      .jpeg({ quality: 90 })
      .toFile(path);
    images.push({ name, path });
  }
  return images;
}

/** Luma noise plus a little chroma noise, about what a phone sensor leaves at ISO 800. */
function addNoise(rgb: Buffer, seed: number): void {
  const random = createRng(seed);
  const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);
  for (let i = 0; i < rgb.length; i += 3) {
    const luma = (random() + random() + random() - 1.5) * 14;
    for (let c = 0; c < 3; c++) rgb[i + c] = clamp(Math.round(rgb[i + c]! + luma + (random() - 0.5) * 6));
  }
}

/** The JPEG and PNG files directly inside `dir`, by name. */
export async function imagesIn(dir: string): Promise<BenchImage[]> {
  const names = (await readdir(dir))
    .filter((n) => ['.jpg', '.jpeg', '.png'].includes(extname(n).toLowerCase()))
    .sort();
  if (names.length === 0) throw new Error(`BENCH_PALETTE_DIR=${dir} holds no .jpg, .jpeg or .png file`);
  return names.map((name) => ({ name, path: join(dir, name) }));
}
