import type { BackendClient } from '@photo/web/api/client';
import { xhrFetch } from '@photo/web/api/xhr-fetch';
import { call } from '../app/call';
import type { SendImage } from './upload-queue';

/** One event image per request, raw bytes with its media type, its idempotency key, and upload progress over XHR. */
export function imageSender(api: BackendClient): SendImage {
  return async (item, onProgress, signal) => {
    const result = await call(() =>
      api.POST('/images', {
        body: item.file as never,
        bodySerializer: (b: unknown) => b as Blob,
        headers: { 'content-type': item.file.type || 'application/octet-stream' },
        params: { header: { 'Idempotency-Key': item.idempotencyKey } },
        fetch: xhrFetch({ onUploadProgress: onProgress }),
        signal,
      }),
    );
    if (!result.ok) return result;
    const [image] = result.data.images;
    return image
      ? { ok: true, imageId: image.imageId }
      : { ok: false, failure: { code: null, requestId: null } };
  };
}
