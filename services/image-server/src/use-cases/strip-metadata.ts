import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ImageSanitizer } from '@photo/shared/ports/image-sanitizer.port';
import { randomToken } from '@photo/shared/security/hashing';

/** A copy of an image without its personal metadata, in the temp directory until `remove`. */
export interface StrippedFile {
  path: string;
  contentType: string;
  bytes: number;
  sha256: string;
  remove(): Promise<void>;
}

/** The image at `path` without personal metadata, or null when it had none (its bytes can be used as they are). */
export async function strippedCopy(
  sanitizer: ImageSanitizer,
  path: string,
  tmpDir: string,
  maxPixels: number,
): Promise<StrippedFile | null> {
  const output = join(tmpDir, `stripped-${randomToken(96)}`);
  const remove = () => rm(output, { force: true });
  try {
    const contentType = await sanitizer.stripMetadata(path, output, { maxPixels });
    if (!contentType) return null;
    const hash = createHash('sha256');
    await pipeline(createReadStream(output), hash);
    return {
      path: output,
      contentType,
      bytes: (await stat(output)).size,
      sha256: hash.digest('hex'),
      remove,
    };
  } catch (err) {
    await remove();
    throw err;
  }
}
