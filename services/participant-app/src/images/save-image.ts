import type { KeptImage } from './kept-images.store';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/** The file a kept image is saved or shared as. */
export function imageFile(kept: KeptImage): File {
  const ext = EXTENSIONS[kept.contentType] ?? 'jpg';
  return new File([kept.bytes], `event-photo-${kept.imageId}-v${kept.version}.${ext}`, {
    type: kept.contentType || 'image/jpeg',
  });
}

/** Whether this browser can hand an image file to the system's share sheet (Web Share API level 2). */
export function canShareFiles(file: File): boolean {
  return typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] });
}

/**
 * Shares the kept bytes through the system's share sheet where the browser has one (a phone: save to photos, send
 * to a friend), otherwise downloads them. The bytes are the kept ones: no new one-time URL is needed.
 */
export async function saveOrShare(
  kept: KeptImage,
  title: string,
): Promise<'shared' | 'downloaded' | 'cancelled'> {
  const file = imageFile(kept);
  if (canShareFiles(file)) {
    try {
      await navigator.share({ files: [file], title });
      return 'shared';
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return 'cancelled';
      throw err;
    }
  }
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return 'downloaded';
}
