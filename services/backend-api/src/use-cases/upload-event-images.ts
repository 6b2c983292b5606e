import type { Readable } from 'node:stream';
import { deriveImageId, newImageId } from '@photo/shared/domain/ids';
import { isAppError } from '@photo/shared/errors/app-error';
import type { ImageServerClient, UploadedVersion } from '@photo/shared/ports/image-server-client.port';

export interface IncomingImage {
  contentType: string;
  body: Readable;
}

/**
 * Operator uploads: each image becomes a new event image, stored by the image server (which starts the colour
 * pipeline). With an idempotency key the image ids derive from it, so a retried request lands on the same images.
 */
export async function uploadEventImages(
  deps: { imageServer: ImageServerClient },
  files: AsyncIterable<IncomingImage>,
  options: { uploader: string; idempotencyKey: string | null },
): Promise<UploadedVersion[]> {
  const results: UploadedVersion[] = [];
  let index = 0;
  for await (const file of files) {
    const key = options.idempotencyKey ? `${options.idempotencyKey}:${index}` : null;
    const imageId = key ? deriveImageId(`${options.uploader}\n${key}`) : newImageId();
    try {
      results.push(
        await deps.imageServer.uploadVersion({
          imageId,
          kind: 'event',
          ownerVisitorId: null,
          expectedVersion: 0,
          idempotencyKey: key,
          contentType: file.contentType,
          body: file.body,
        }),
      );
    } catch (err) {
      // A body that broke on its way in (a malformed form, a client gone) is why the upload failed: that error is
      // the answer, not the image server's failure to read the broken stream.
      if (isAppError(file.body.errored)) throw file.body.errored;
      throw err;
    }
    index++;
  }
  return results;
}
