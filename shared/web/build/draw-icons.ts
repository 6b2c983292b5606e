import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { ICON_FILES } from './vite-app';

/** What an app's icon shows: a background colour and a white glyph drawn on a 512×512 canvas. */
export interface IconDesign {
  background: string;
  /** SVG elements in a 512×512 viewBox, drawn in white; keep them inside the central 80% (maskable safe zone). */
  glyph: string;
}

export const ICON_DESIGNS: Record<string, IconDesign> = {
  // A camera over a QR corner: scan, then photograph.
  'staff-app': {
    background: '#0b57d0',
    glyph: `<rect x="116" y="176" width="280" height="200" rx="32" fill="#fff"/>
      <rect x="196" y="146" width="120" height="50" rx="14" fill="#fff"/>
      <circle cx="256" cy="276" r="70" fill="#0b57d0"/><circle cx="256" cy="276" r="44" fill="#fff"/>`,
  },
  // A dashboard: three bars.
  'operator-console': {
    background: '#1b1b1f',
    glyph: `<rect x="136" y="256" width="56" height="120" rx="10" fill="#fff"/>
      <rect x="228" y="176" width="56" height="200" rx="10" fill="#fff"/>
      <rect x="320" y="216" width="56" height="160" rx="10" fill="#fff"/>`,
  },
  // A heart on a picture frame: photos and likes.
  'participant-app': {
    background: '#b3261e',
    glyph: `<rect x="126" y="146" width="260" height="220" rx="26" fill="none" stroke="#fff" stroke-width="28"/>
      <path d="M256 326 l-64 -62 a36 36 0 0 1 64 -40 a36 36 0 0 1 64 40 z" fill="#fff"/>`,
  },
};

const svgOf = (design: IconDesign, rounded: boolean) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">` +
  `<rect width="512" height="512" ${rounded ? 'rx="96"' : ''} fill="${design.background}"/>${design.glyph}</svg>`;

/** Writes the app's icons (SVG, PNG at 192 and 512, a maskable 512, the 180 px Apple touch icon) into `publicDir`. */
export async function drawIcons(publicDir: string, design: IconDesign): Promise<string[]> {
  const rounded = Buffer.from(svgOf(design, true));
  const square = Buffer.from(svgOf(design, false));
  const files: Array<[string, Buffer | Promise<Buffer>]> = [
    [ICON_FILES.svg, rounded],
    [ICON_FILES.any192, sharp(rounded).resize(192, 192).png().toBuffer()],
    [ICON_FILES.any512, sharp(rounded).png().toBuffer()],
    // Maskable icons fill the square: the launcher cuts its own shape.
    [ICON_FILES.maskable512, sharp(square).png().toBuffer()],
    [ICON_FILES.appleTouch, sharp(square).resize(180, 180).png().toBuffer()],
  ];
  const written: string[] = [];
  for (const [name, content] of files) {
    const path = join(publicDir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, await content);
    written.push(path);
  }
  return written;
}

// `tsx shared/web/build/draw-icons.ts <app>`: redraws services/<app>/public/icons/.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const app = process.argv[2] ?? '';
  const design = ICON_DESIGNS[app];
  if (!design) throw new Error(`usage: draw-icons <${Object.keys(ICON_DESIGNS).join('|')}>`);
  const publicDir = fileURLToPath(new URL(`../../../services/${app}/public/`, import.meta.url));
  for (const path of await drawIcons(publicDir, design)) process.stdout.write(`wrote ${path}\n`);
}
