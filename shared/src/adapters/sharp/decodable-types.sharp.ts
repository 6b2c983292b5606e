import sharp from 'sharp';

/**
 * The upload types this build of sharp can decode. JPEG, PNG, WebP and AVIF always; HEIC (HEVC in HEIF) only when
 * libheif was built with an HEVC decoder, which sharp's prebuilt binaries are not (patents): then
 * `sharp.format.heif.input.fileSuffix` lists `.avif` alone. A custom libvips with libde265 adds `.heic`.
 */
export function decodableImageTypes(): string[] {
  const types = ['image/jpeg', 'image/png', 'image/webp'];
  const heif = sharp.format.heif?.input as { fileSuffix?: string[] } | undefined;
  const suffixes = heif?.fileSuffix ?? [];
  if (suffixes.includes('.avif')) types.push('image/avif');
  if (suffixes.includes('.heic') || suffixes.includes('.heif')) types.push('image/heic');
  return types;
}
