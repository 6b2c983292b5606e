import { createHash, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * What Cloud Storage checks on a V4 signed PUT (XML API, `PUT /{bucket}/{object}?X-Goog-Signature=…`), offline:
 * the RSA signature over the canonical request (so the path, method and every signed header are bound), the
 * expiry, and the signed conditions themselves: the exact Content-Type, x-goog-content-length-range against the
 * body, x-goog-if-generation-match. Used by the loopback fake (fake-gcs-server.ts).
 */
export type SignedPutCheck =
  | { ok: true; bucket: string; name: string; contentType: string; ifGenerationMatch: string | null }
  | { ok: false; status: number; reason: string; message: string };

const refuse = (status: number, reason: string, message: string): SignedPutCheck => ({
  ok: false,
  status,
  reason,
  message,
});

const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** True when the signature of `url` (as the client library signs V4) verifies with `key`. */
export function verifyV4Signature(
  url: URL,
  method: string,
  headers: Record<string, string>,
  key: KeyObject,
): boolean {
  const signature = url.searchParams.get('X-Goog-Signature');
  const signedNames = (url.searchParams.get('X-Goog-SignedHeaders') ?? '').split(';');
  const query = [...url.searchParams.entries()]
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
  ];
  const [, ...scope] = (url.searchParams.get('X-Goog-Credential') ?? '').split('/');
  const stringToSign = [
    'GOOG4-RSA-SHA256',
    url.searchParams.get('X-Goog-Date'),
    scope.join('/'),
    createHash('sha256').update(canonicalRequest.join('\n')).digest('hex'),
  ].join('\n');
  return !!signature && verify('RSA-SHA256', Buffer.from(stringToSign), key, Buffer.from(signature, 'hex'));
}

/** 20250601T100000Z → the instant. */
const parseAmzDate = (s: string): number =>
  Date.parse(
    `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`,
  );

export function checkSignedPut(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  signers: ReadonlyMap<string, KeyObject>,
  now = Date.now(),
): SignedPutCheck {
  const match = /^\/([^/]+)\/(.+)$/.exec(url.pathname);
  if (!match) return refuse(400, 'invalid', 'A signed PUT names /bucket/object.');
  const email = (url.searchParams.get('X-Goog-Credential') ?? '').split('/')[0] ?? '';
  const key = signers.get(email);
  if (!key) return refuse(403, 'AccessDenied', `No key is trusted for ${email || 'the credential'}.`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string') headers[name] = value;
  // The library signs the host without its port.
  headers.host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (!verifyV4Signature(url, 'PUT', headers, key)) {
    return refuse(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match.');
  }
  const date = parseAmzDate(url.searchParams.get('X-Goog-Date') ?? '');
  const expires = Number(url.searchParams.get('X-Goog-Expires'));
  if (!Number.isFinite(date) || !(expires > 0) || now > date + expires * 1000) {
    return refuse(400, 'ExpiredToken', 'The provided token has expired.');
  }
  const signed = new Set((url.searchParams.get('X-Goog-SignedHeaders') ?? '').split(';'));
  const range = signed.has('x-goog-content-length-range')
    ? headers['x-goog-content-length-range']
    : undefined;
  if (range) {
    const [min, max] = range.split(',').map(Number);
    if (body.length < (min ?? 0))
      return refuse(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum.');
    if (body.length > (max ?? Infinity))
      return refuse(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum.');
  }
  return {
    ok: true,
    bucket: decodeURIComponent(match[1]!),
    name: decodeURIComponent(match[2]!),
    contentType: headers['content-type'] ?? 'application/octet-stream',
    ifGenerationMatch: signed.has('x-goog-if-generation-match')
      ? (headers['x-goog-if-generation-match'] ?? null)
      : null,
  };
}
