import busboy, { type Busboy } from 'busboy';
import type { Request } from 'express';
import { PassThrough, type Readable } from 'node:stream';
import type { AppError } from '@photo/shared/errors/app-error';
import { errors } from '@photo/shared/errors/errors';
import type { IncomingImage } from '../use-cases/upload-event-images';
import { IMAGE_CONTENT_TYPES } from './schemas';

const malformed = (message: string) => errors.invalidRequest([{ path: '(body)', message }]);

/**
 * The images of a request, one at a time as streams: a raw image body is one image, a multipart/form-data body
 * holds several (each file part is one). Nothing is buffered whole; a file part must be consumed before the next.
 *
 * Every way a form can break (a part never closed, a missing boundary, the client going away, too many files)
 * becomes one REQUEST.INVALID: the generator throws it, and the stream of the file being read is destroyed with
 * it, so whoever reads that stream fails with it too. Every stream involved always has an error listener: an
 * error on one request never reaches the process. Stopping early (break, or an error in the consumer) destroys
 * the parser and the open file streams and drains the rest of the request.
 */
export async function* incomingImages(req: Request, maxFiles: number): AsyncGenerator<IncomingImage> {
  const single = req.is(IMAGE_CONTENT_TYPES);
  if (single) {
    yield { contentType: single, body: req };
    return;
  }
  if (!req.is('multipart/form-data'))
    throw errors.unsupportedMediaType([...IMAGE_CONTENT_TYPES, 'multipart/form-data']);

  const form = parseForm(req, maxFiles);
  let files = 0;
  try {
    for (;;) {
      const next = await form.next();
      if (next === null) break;
      files++;
      yield next;
    }
  } finally {
    form.stop();
  }
  if (files === 0) throw malformed('no image file in the form');
}

interface Form {
  /** The next file part, null after the last one; throws the form's failure. */
  next(): Promise<IncomingImage | null>;
  /** Stops parsing: the parser and every file stream not yet ended are destroyed, the request is drained. */
  stop(): void;
}

function parseForm(req: Request, maxFiles: number): Form {
  let parser: Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      limits: { files: maxFiles, fields: 20, fieldSize: 1024, parts: maxFiles + 20 },
    });
  } catch (err) {
    // "Multipart: Boundary not found", "Malformed content type": the header itself is wrong.
    throw errors.invalidRequest([{ path: 'content-type', message: describe(err) }]);
  }

  const queue: IncomingImage[] = [];
  const open = new Set<PassThrough>();
  let failure: AppError | null = null;
  let finished = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const fail = (error: AppError) => {
    if (failure || finished) return;
    failure = error;
    for (const body of open) body.destroy(error);
    req.unpipe(parser);
    parser.destroy();
    notify();
  };

  parser.on('file', (_field, stream: Readable, info) => {
    if (failure) {
      stream.resume();
      return;
    }
    const body = new PassThrough();
    // The consumer listens too when it reads; this one makes sure an error nobody reads is never unhandled.
    body.on('error', () => undefined);
    body.on('close', () => open.delete(body));
    open.add(body);
    stream.on('error', (err) => fail(malformed(describe(err))));
    stream.pipe(body);
    queue.push({ contentType: info.mimeType, body });
    notify();
  });
  parser.on('filesLimit', () => fail(malformed(`at most ${maxFiles} files per request`)));
  parser.on('error', (err) => fail(malformed(describe(err))));
  parser.on('close', () => {
    finished = true;
    notify();
  });
  // A client that goes away mid-body: the parser would wait for the rest forever.
  req.on('error', () => fail(malformed('the request body ended early')));
  req.on('close', () => {
    if (!req.complete) fail(malformed('the request body ended early'));
  });
  req.pipe(parser);

  return {
    async next() {
      for (;;) {
        if (failure) throw failure;
        const item = queue.shift();
        if (item) return item;
        if (finished) return null;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    stop() {
      if (!finished && !failure) {
        req.unpipe(parser);
        parser.destroy();
      }
      finished = true;
      for (const body of open) body.destroy(failure ?? malformed('the form was not read to its end'));
      for (const item of queue) item.body.destroy();
      // What the client still sends is read and dropped, so the connection can carry the answer and be reused.
      if (!req.complete) req.resume();
    },
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : 'unreadable multipart body';
}
