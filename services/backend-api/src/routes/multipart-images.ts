import busboy from 'busboy';
import type { Request } from 'express';
import { PassThrough } from 'node:stream';
import { errors } from '@photo/shared/errors/errors';
import type { IncomingImage } from '../use-cases/upload-event-images';
import { IMAGE_CONTENT_TYPES } from './schemas';

/**
 * The images of a request, one at a time as streams: a raw image body is one image, a multipart/form-data body
 * holds several (each file part is one). Nothing is buffered whole; a file part must be consumed before the next.
 */
export async function* incomingImages(req: Request, maxFiles: number): AsyncGenerator<IncomingImage> {
  const single = req.is(IMAGE_CONTENT_TYPES);
  if (single) {
    yield { contentType: single, body: req };
    return;
  }
  if (!req.is('multipart/form-data'))
    throw errors.unsupportedMediaType([...IMAGE_CONTENT_TYPES, 'multipart/form-data']);

  const queue: (IncomingImage | Error | null)[] = [];
  let wake: (() => void) | null = null;
  const push = (item: IncomingImage | Error | null) => {
    queue.push(item);
    wake?.();
  };
  let files = 0;
  const parser = busboy({
    headers: req.headers,
    limits: { files: maxFiles, fields: 20, fieldSize: 1024, parts: maxFiles + 20 },
  });
  parser.on('file', (_field, stream, info) => {
    files++;
    const body = new PassThrough();
    stream.pipe(body);
    stream.on('error', (err) => body.destroy(err));
    push({ contentType: info.mimeType, body });
  });
  parser.on('filesLimit', () =>
    push(errors.invalidRequest([{ path: 'files', message: `at most ${maxFiles} files per request` }])),
  );
  parser.on('error', (err) =>
    push(
      errors.invalidRequest([
        { path: '(body)', message: err instanceof Error ? err.message : 'unreadable multipart body' },
      ]),
    ),
  );
  parser.on('close', () => push(null));
  req.pipe(parser);

  for (;;) {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    const next = queue.shift()!;
    if (next === null) break;
    if (next instanceof Error) throw next;
    yield next;
  }
  if (files === 0) throw errors.invalidRequest([{ path: 'files', message: 'no image file in the form' }]);
}
