import { crc32cBase64 } from './crc32c';
import { createHash, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSignedPut } from './gcs-signed-put';

/**
 * A loopback server speaking the slice of the Cloud Storage JSON API that @google-cloud/storage uses for simple
 * uploads, metadata, downloads, deletes and listings. There is no official Cloud Storage emulator; this one keeps
 * the semantics our adapter relies on: `ifGenerationMatch` preconditions (412), whole-or-nothing uploads (an aborted
 * or unterminated body stores nothing), lexical (byte-order) listings with page tokens, and the crc32c/md5 hashes
 * the client verifies on upload and download. Point a client at it with `new Storage({ apiEndpoint: url })`.
 */
export interface FakeGcsServer {
  url: string;
  createBucket(name: string): void;
  /** Every request seen, for tests that check what the client sent. */
  requests: { method: string; path: string; query: URLSearchParams }[];
  /** Accept V4 signed PUTs (XML API) signed by this account's key, checking what the signature binds. */
  trustSigner(email: string, publicKey: KeyObject): void;
  /** Like a bucket notification (OBJECT_FINALIZE, JSON_API_V1): called with the object resource of each new object. */
  onFinalize(prefix: string, listener: (resource: Record<string, unknown>) => Promise<void> | void): void;
  close(): Promise<void>;
}

interface StoredObject {
  bucket: string;
  name: string;
  generation: number;
  contentType: string;
  data: Buffer;
  md5: string;
  crc32c: string;
  created: Date;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const notFound = (what: string) => new HttpError(404, 'notFound', `No such object: ${what}`);
const PAGE_LIMIT = 1000;

export async function startFakeGcsServer(): Promise<FakeGcsServer> {
  const buckets = new Map<string, Map<string, StoredObject>>();
  const requests: FakeGcsServer['requests'] = [];
  const signers = new Map<string, KeyObject>();
  const listeners: {
    prefix: string;
    listener: (resource: Record<string, unknown>) => Promise<void> | void;
  }[] = [];
  let lastGeneration = Date.now() * 1000;

  /** Stores a finished upload and announces it to the matching listeners, as a notification would. */
  const finalize = async (bucketName: string, name: string, contentType: string, data: Buffer) => {
    lastGeneration += 1;
    const object: StoredObject = {
      bucket: bucketName,
      name,
      generation: lastGeneration,
      contentType,
      data,
      md5: createHash('md5').update(data).digest('base64'),
      crc32c: crc32cBase64(data),
      created: new Date(),
    };
    bucketOf(bucketName).set(name, object);
    for (const l of listeners.filter((l) => name.startsWith(l.prefix))) await l.listener(resource(object));
    return object;
  };

  const bucketOf = (name: string) => {
    const bucket = buckets.get(name);
    if (!bucket) throw new HttpError(404, 'notFound', `The specified bucket does not exist: ${name}`);
    return bucket;
  };

  const objectOf = (bucketName: string, name: string, query: URLSearchParams): StoredObject => {
    const object = bucketOf(bucketName).get(name);
    const generation = query.get('generation');
    if (!object || (generation !== null && String(object.generation) !== generation)) {
      throw notFound(`${bucketName}/${name}`);
    }
    return object;
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const query = url.searchParams;
    let match: RegExpMatchArray | null;

    if (req.method === 'POST' && (match = path.match(/^\/upload\/storage\/v1\/b\/([^/]+)\/o$/))) {
      const body = await readBody(req);
      const bucketName = decodeURIComponent(match[1]!);
      const upload = parseUpload(req, query, body);
      const bucket = bucketOf(bucketName);
      const existing = bucket.get(upload.name);
      checkPreconditions(existing, query);
      const object = await finalize(bucketName, upload.name, upload.contentType, upload.data);
      return sendJson(res, 200, resource(object));
    }

    if (req.method === 'PUT' && query.has('X-Goog-Signature')) {
      const body = await readBody(req);
      const check = checkSignedPut(req, url, body, signers);
      if (!check.ok) throw new HttpError(check.status, check.reason, check.message);
      const precondition = new URLSearchParams();
      if (check.ifGenerationMatch !== null) precondition.set('ifGenerationMatch', check.ifGenerationMatch);
      checkPreconditions(bucketOf(check.bucket).get(check.name), precondition);
      await finalize(check.bucket, check.name, check.contentType, body);
      res.writeHead(200).end();
      return;
    }

    if ((match = path.match(/^\/(storage|download\/storage)\/v1\/b\/([^/]+)\/o\/(.+)$/))) {
      const bucketName = decodeURIComponent(match[2]!);
      const name = decodeURIComponent(match[3]!);
      if (req.method === 'GET' && (query.get('alt') === 'media' || match[1] === 'download/storage')) {
        return sendMedia(res, objectOf(bucketName, name, query));
      }
      if (req.method === 'GET') return sendJson(res, 200, resource(objectOf(bucketName, name, query)));
      if (req.method === 'DELETE') {
        const object = objectOf(bucketName, name, query);
        checkPreconditions(object, query);
        bucketOf(bucketName).delete(name);
        res.writeHead(204).end();
        return;
      }
    }

    if (req.method === 'GET' && (match = path.match(/^\/storage\/v1\/b\/([^/]+)\/o$/))) {
      const prefix = query.get('prefix') ?? '';
      const after = query.get('pageToken')
        ? Buffer.from(query.get('pageToken')!, 'base64url').toString()
        : null;
      const limit = Math.min(Number(query.get('maxResults') ?? PAGE_LIMIT) || PAGE_LIMIT, PAGE_LIMIT);
      const names = [...bucketOf(decodeURIComponent(match[1]!)).values()]
        .filter((o) => o.name.startsWith(prefix) && (after === null || byteOrder(o.name, after) > 0))
        .sort((a, b) => byteOrder(a.name, b.name));
      const page = names.slice(0, limit);
      const listing: Record<string, unknown> = { kind: 'storage#objects' };
      // Like Cloud Storage, an empty page has no `items` at all.
      if (page.length > 0) listing.items = page.map(resource);
      if (names.length > limit) listing.nextPageToken = Buffer.from(page.at(-1)!.name).toString('base64url');
      return sendJson(res, 200, listing);
    }

    throw new HttpError(501, 'notImplemented', `The fake does not implement ${req.method} ${path}`);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams });
    route(req, res, url).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return; // an aborted upload has no one left to answer
      const status = err instanceof HttpError ? err.status : 500;
      const reason = err instanceof HttpError ? err.reason : 'backendError';
      const message = err instanceof Error ? err.message : String(err);
      sendJson(res, status, {
        error: { code: status, message, errors: [{ domain: 'global', reason, message }] },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    trustSigner: (email, publicKey) => void signers.set(email, publicKey),
    onFinalize: (prefix, listener) => void listeners.push({ prefix, listener }),
    createBucket: (name) => {
      if (!buckets.has(name)) buckets.set(name, new Map());
    },
    close: () =>
      new Promise<void>((resolve) => {
        // An upload whose source failed is left open by the client; do not wait for it.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function checkPreconditions(object: StoredObject | undefined, query: URLSearchParams): void {
  const match = query.get('ifGenerationMatch');
  if (match !== null && String(object?.generation ?? 0) !== match) {
    throw new HttpError(
      412,
      'conditionNotMet',
      'At least one of the pre-conditions you specified did not hold.',
    );
  }
}

/** The whole body, or a rejection when the client goes away before finishing it: nothing partial is ever stored. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new HttpError(400, 'aborted', 'The upload was cut short.'));
    });
  });
}

function parseUpload(
  req: IncomingMessage,
  query: URLSearchParams,
  body: Buffer,
): { name: string; contentType: string; data: Buffer } {
  const type = query.get('uploadType');
  const contentType = req.headers['content-type'] ?? 'application/octet-stream';
  if (type === 'media') {
    const name = query.get('name');
    if (!name) throw new HttpError(400, 'required', 'Required parameter: name');
    return { name, contentType, data: body };
  }
  if (type !== 'multipart')
    throw new HttpError(501, 'notImplemented', `uploadType=${type} is not implemented`);
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) throw new HttpError(400, 'invalid', 'A multipart upload needs a boundary.');
  const [meta, media] = parseMultipart(body, boundary);
  if (!meta || !media)
    throw new HttpError(400, 'invalid', 'A multipart upload has a metadata part and a media part.');
  const metadata = JSON.parse(meta.content.toString('utf8')) as { name?: string; contentType?: string };
  const name = query.get('name') ?? metadata.name;
  if (!name) throw new HttpError(400, 'required', 'Required parameter: name');
  return {
    name,
    contentType: metadata.contentType ?? media.headers['content-type'] ?? 'application/octet-stream',
    data: media.content,
  };
}

/** multipart/related as the client frames it; throws unless the closing delimiter is there. */
function parseMultipart(
  body: Buffer,
  boundary: string,
): { headers: Record<string, string>; content: Buffer }[] {
  const open = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  if (body.indexOf(open) !== 0)
    throw new HttpError(400, 'invalid', 'The multipart body does not open with its boundary.');
  const parts: { headers: Record<string, string>; content: Buffer }[] = [];
  let pos = open.length;
  for (;;) {
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new HttpError(400, 'invalid', 'A multipart part has no header end.');
    const headers: Record<string, string> = {};
    for (const line of body.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const end = body.indexOf(next, headerEnd + 4);
    if (end < 0) throw new HttpError(400, 'invalid', 'The multipart body is not terminated.');
    parts.push({ headers, content: body.subarray(headerEnd + 4, end) });
    pos = end + next.length;
  }
}

function resource(object: StoredObject): Record<string, unknown> {
  const time = object.created.toISOString();
  return {
    kind: 'storage#object',
    id: `${object.bucket}/${object.name}/${object.generation}`,
    name: object.name,
    bucket: object.bucket,
    generation: String(object.generation),
    metageneration: '1',
    contentType: object.contentType,
    storageClass: 'STANDARD',
    size: String(object.data.length),
    md5Hash: object.md5,
    crc32c: object.crc32c,
    etag: Buffer.from(String(object.generation)).toString('base64'),
    timeCreated: time,
    updated: time,
  };
}

function sendMedia(res: ServerResponse, object: StoredObject): void {
  res.writeHead(200, {
    'Content-Type': object.contentType,
    'Content-Length': object.data.length,
    'X-Goog-Hash': `crc32c=${object.crc32c},md5=${object.md5}`,
    'X-Goog-Generation': String(object.generation),
    'X-Goog-Metageneration': '1',
    'X-Goog-Stored-Content-Encoding': 'identity',
    'X-Goog-Stored-Content-Length': String(object.data.length),
  });
  res.end(object.data);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
