import { Storage } from '@google-cloud/storage';
import { createHash, generateKeyPairSync, randomUUID, verify, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobStoreContract, failingStream, readAll } from '../../ports/contracts/blob-store.contract';
import { crc32c, crc32cBase64 } from '../../testing/crc32c';
import { startFakeGcsServer, type FakeGcsServer } from '../../testing/fake-gcs-server';
import { GcsBlobStore } from './blob-store.gcs';

let fake: FakeGcsServer;

beforeAll(async () => {
  fake = await startFakeGcsServer();
});

afterAll(async () => {
  await fake.close();
});

/** A client for the fake: a custom apiEndpoint makes the client skip Google auth (useAuthWithCustomEndpoint). */
function storageFor(url: string, credentials?: { client_email: string; private_key: string }): Storage {
  return new Storage({ apiEndpoint: url, projectId: 'test', ...(credentials ? { credentials } : {}) });
}

function freshStore(): GcsBlobStore {
  const bucket = `bucket-${randomUUID()}`;
  fake.createBucket(bucket);
  return new GcsBlobStore(storageFor(fake.url), bucket);
}

blobStoreContract('GcsBlobStore (fake Cloud Storage JSON API)', async () => ({
  store: freshStore(),
  teardown: async () => undefined,
}));

describe('GcsBlobStore on the wire', () => {
  it('when the fake computes crc32c, then it matches the standard check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32cBase64(Buffer.alloc(0))).toBe('AAAAAA==');
  });

  it('when an object is put, then one non-resumable upload carries ifGenerationMatch=0', async () => {
    const store = freshStore();
    const before = fake.requests.length;

    await store.put('a/b.jpg', Buffer.from('x'), { contentType: 'image/jpeg' });

    const uploads = fake.requests.slice(before).filter((r) => r.path.startsWith('/upload/'));
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.query.get('uploadType')).toBe('multipart');
    expect(uploads[0]!.query.get('ifGenerationMatch')).toBe('0');
  });

  it('when a listing spans several pages, then every key comes once in order', async () => {
    const store = freshStore();
    const keys = Array.from({ length: 1001 }, (_, i) => `p/${String(i).padStart(5, '0')}`);
    // A few at a time: a thousand simultaneous connections overflow the loopback listen backlog.
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(
        keys.slice(i, i + 50).map((k) => store.put(k, Buffer.from(k), { contentType: 'text/plain' })),
      );
    }
    const before = fake.requests.length;

    const listed: string[] = [];
    for await (const info of store.list('p/')) listed.push(info.key);

    expect(listed).toEqual(keys);
    const pages = fake.requests.slice(before).filter((r) => r.path.endsWith('/o'));
    expect(pages.map((r) => r.query.has('pageToken'))).toEqual([false, true]);
  });

  it('when a source fails, then the error is the source error and a retry of the key succeeds', async () => {
    const store = freshStore();

    await expect(
      store.put('k', failingStream([Buffer.alloc(300 * 1024, 1)], new Error('disk gone')), {
        contentType: 'image/png',
      }),
    ).rejects.toThrow('disk gone');

    await store.put('k', Buffer.from('ok'), { contentType: 'image/png' });
    expect(await readAll((await store.get('k'))!.body)).toEqual(Buffer.from('ok'));
  });
});

describe('GcsBlobStore signed URLs', () => {
  const email = 'uploader@test-project.iam.gserviceaccount.com';
  let publicKey: KeyObject;
  let store: GcsBlobStore;

  beforeAll(() => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    publicKey = pair.publicKey;
    const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    store = new GcsBlobStore(
      storageFor(fake.url, { client_email: email, private_key: privatePem }),
      'photos',
    );
  });

  it('when an upload URL is signed, then it is a V4 PUT binding content type, size range and no-overwrite', async () => {
    const upload = await store.signedUploadUrl('images/i1/original.jpg', {
      contentType: 'image/jpeg',
      maxBytes: 25_000_000,
      expiresSeconds: 900,
    });

    const url = new URL(upload.url);
    expect(url.pathname).toBe('/photos/images/i1/original.jpg');
    expect(url.searchParams.get('X-Goog-Algorithm')).toBe('GOOG4-RSA-SHA256');
    expect(url.searchParams.get('X-Goog-Credential')).toMatch(
      new RegExp(`^${email}/\\d{8}/auto/storage/goog4_request$`),
    );
    expect(Number(url.searchParams.get('X-Goog-Expires'))).toBeCloseTo(900, -1);
    expect(url.searchParams.get('X-Goog-SignedHeaders')!.split(';')).toEqual([
      'content-type',
      'host',
      'x-goog-content-length-range',
      'x-goog-if-generation-match',
    ]);
    expect(upload).toMatchObject({
      method: 'PUT',
      headers: {
        'Content-Type': 'image/jpeg',
        'X-Goog-Content-Length-Range': '0,25000000',
        'X-Goog-If-Generation-Match': '0',
      },
    });
    expect(upload.expiresAt.getTime()).toBeGreaterThan(Date.now() + 890_000);
    expect(verifyV4(url, 'PUT', lowerCase({ ...upload.headers, host: url.hostname }), publicKey)).toBe(true);
  });

  it('when anything the signature binds is changed, then it no longer verifies', async () => {
    const upload = await store.signedUploadUrl('k', {
      contentType: 'image/png',
      maxBytes: 10,
      expiresSeconds: 60,
    });
    const url = new URL(upload.url);
    const headers = lowerCase({ ...upload.headers, host: url.hostname });

    expect(verifyV4(url, 'PUT', headers, publicKey)).toBe(true);
    expect(verifyV4(url, 'PUT', { ...headers, 'content-type': 'text/html' }, publicKey)).toBe(false);
    expect(
      verifyV4(url, 'PUT', { ...headers, 'x-goog-content-length-range': '0,999999999' }, publicKey),
    ).toBe(false);
    expect(verifyV4(url, 'GET', headers, publicKey)).toBe(false);
    const other = new URL(url);
    other.pathname = '/photos/other';
    expect(verifyV4(other, 'PUT', headers, publicKey)).toBe(false);
  });

  it('when a read URL is signed, then it is a V4 GET signed over the host only', async () => {
    const url = new URL(await store.signedReadUrl('images/i1/small.webp', 300));

    expect(url.pathname).toBe('/photos/images/i1/small.webp');
    expect(url.searchParams.get('X-Goog-SignedHeaders')).toBe('host');
    expect(Number(url.searchParams.get('X-Goog-Expires'))).toBeCloseTo(300, -1);
    expect(verifyV4(url, 'GET', { host: url.hostname }, publicKey)).toBe(true);
  });

  it('when the lifetime is beyond seven days or the key is invalid, then signing refuses', async () => {
    await expect(store.signedReadUrl('k', 8 * 24 * 3600)).rejects.toThrow(RangeError);
    await expect(store.signedReadUrl('../k', 60)).rejects.toMatchObject({ code: 'BLOB.INVALID_KEY' });
  });
});

const lowerCase = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * Checks a V4 signed URL offline, rebuilt from Google's specification (not from the client's code): the canonical
 * request (verb, path, sorted query without the signature, canonical headers, signed header names, UNSIGNED-PAYLOAD),
 * then the string to sign (algorithm, timestamp, scope, hex SHA-256 of the canonical request), verified RSA-SHA256.
 * `headers` are the lowercase headers a client would send; the ones named in X-Goog-SignedHeaders are used.
 * (The client signs the endpoint's hostname without its port; production's storage.googleapis.com has none.)
 */
function verifyV4(url: URL, method: string, headers: Record<string, string>, key: KeyObject): boolean {
  const params = [...url.searchParams.entries()];
  const signature = url.searchParams.get('X-Goog-Signature');
  const signedNames = url.searchParams.get('X-Goog-SignedHeaders')!.split(';');
  const encode = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = params
    .filter(([k]) => k !== 'X-Goog-Signature')
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = signedNames.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join('');
  const canonicalRequest = [
    method,
    url.pathname,
    query,
    canonicalHeaders,
    signedNames.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const [, date, region, service, request] = url.searchParams.get('X-Goog-Credential')!.split('/');
  const stringToSign = [
    'GOOG4-RSA-SHA256',
    url.searchParams.get('X-Goog-Date'),
    [date, region, service, request].join('/'),
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  return !!signature && verify('RSA-SHA256', Buffer.from(stringToSign), key, Buffer.from(signature, 'hex'));
}
