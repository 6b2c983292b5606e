import type { Lab, Rgb } from '../domain/palette';

// sRGB (IEC 61966-2-1) primaries with the D65 white: linear RGB → XYZ, and back.
const M = [
  0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041,
] as const;
export const M_INV = [
  3.2404542, -1.5371385, -0.4985314, -0.969266, 1.8760108, 0.041556, 0.0556434, -0.2040259, 1.0572252,
] as const;
// The white is the image of RGB (1,1,1), so neutral greys get a = b = 0 exactly.
const XN = M[0] + M[1] + M[2];
const YN = M[3] + M[4] + M[5];
const ZN = M[6] + M[7] + M[8];

const EPSILON = (6 / 29) ** 3;
const KAPPA_INV = 1 / (3 * (6 / 29) ** 2);

/** 8-bit sRGB → linear light, for every byte value: the power function runs 256 times, not once per pixel. */
const LINEAR = new Float64Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  LINEAR[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

const f = (t: number): number => (t > EPSILON ? Math.cbrt(t) : t * KAPPA_INV + 4 / 29);
const fInv = (t: number): number => (t > 6 / 29 ? t * t * t : (t - 4 / 29) / KAPPA_INV);

/** Writes the Lab of one 8-bit sRGB pixel at `out[o..o+2]`: the one conversion every other entry point uses. */
export function writeLab(r: number, g: number, b: number, out: Float32Array | Float64Array, o: number): void {
  const lr = LINEAR[r]!;
  const lg = LINEAR[g]!;
  const lb = LINEAR[b]!;
  const fx = f((M[0] * lr + M[1] * lg + M[2] * lb) / XN);
  const fy = f((M[3] * lr + M[4] * lg + M[5] * lb) / YN);
  const fz = f((M[6] * lr + M[7] * lg + M[8] * lb) / ZN);
  out[o] = 116 * fy - 16;
  out[o + 1] = 500 * (fx - fy);
  out[o + 2] = 200 * (fy - fz);
}

const scratch = new Float64Array(3);
const toIndex = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/** CIELAB (D65) of an 8-bit sRGB colour. */
export function rgbToLab(r: number, g: number, b: number): Lab {
  writeLab(toIndex(r), toIndex(g), toIndex(b), scratch, 0);
  return [scratch[0]!, scratch[1]!, scratch[2]!];
}

/** Packed RGB triplets (length a multiple of 3) → packed Lab triplets. */
export function rgbBufferToLab(rgb: Uint8Array): Float32Array {
  if (rgb.length % 3 !== 0) throw new RangeError(`packed RGB needs a multiple of 3 bytes, got ${rgb.length}`);
  const lab = new Float32Array(rgb.length);
  for (let i = 0; i < rgb.length; i += 3) writeLab(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!, lab, i);
  return lab;
}

const toByte = (linear: number): number => {
  const v = linear <= 0.0031308 ? 12.92 * linear : 1.055 * linear ** (1 / 2.4) - 0.055;
  return Math.round(Math.min(1, Math.max(0, v)) * 255);
};

/** The nearest 8-bit sRGB colour of a Lab colour: out-of-gamut channels are clamped, then rounded. */
export function labToRgb(L: number, a: number, b: number): Rgb {
  const fy = (L + 16) / 116;
  const x = fInv(fy + a / 500) * XN;
  const y = fInv(fy) * YN;
  const z = fInv(fy - b / 200) * ZN;
  return [
    toByte(M_INV[0] * x + M_INV[1] * y + M_INV[2] * z),
    toByte(M_INV[3] * x + M_INV[4] * y + M_INV[5] * z),
    toByte(M_INV[6] * x + M_INV[7] * y + M_INV[8] * z),
  ];
}
