import type { RequestFetch } from './client';

export interface XhrFetchOptions {
  /** Bytes of the request body sent so far, and the total. */
  onUploadProgress?: (sent: number, total: number) => void;
}

// A Response with one of these statuses must have no body.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` over XMLHttpRequest, for uploads: fetch cannot report upload progress over HTTP/1.1, XHR can. Pass it to
 * one openapi-fetch call: `client.PUT(path, { body, fetch: xhrFetch({ onUploadProgress }) })`. Network failures
 * reject with a TypeError and aborts with an AbortError, as fetch's do, so callers handle both the same way.
 */
export function xhrFetch(options: XhrFetchOptions = {}): RequestFetch {
  return async (request) => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.blob();
    return new Promise<Response>((resolve, reject) => {
      if (request.signal.aborted) return reject(new DOMException('The request was aborted.', 'AbortError'));
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      xhr.responseType = 'blob';
      xhr.withCredentials = request.credentials === 'include';
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      const { onUploadProgress } = options;
      if (onUploadProgress && body) {
        xhr.upload.onprogress = (e) => onUploadProgress(e.loaded, e.lengthComputable ? e.total : body.size);
      }
      xhr.onload = () => {
        const status = xhr.status;
        resolve(
          new Response(NULL_BODY_STATUSES.has(status) ? null : (xhr.response as Blob), {
            status,
            statusText: xhr.statusText,
            headers: parseHeaders(xhr.getAllResponseHeaders()),
          }),
        );
      };
      xhr.onerror = () => reject(new TypeError('Network request failed.'));
      xhr.ontimeout = () => reject(new TypeError('Network request timed out.'));
      xhr.onabort = () => reject(new DOMException('The request was aborted.', 'AbortError'));
      request.signal.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(body);
    });
  };
}

/** Parses `getAllResponseHeaders()` (CRLF-separated `name: value` lines). */
export function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}
