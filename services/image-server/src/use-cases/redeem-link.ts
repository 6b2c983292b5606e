import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { StoredVariant } from '@photo/shared/domain/image';
import { errors } from '@photo/shared/errors/errors';
import { downloadBlob, tempFiles } from '@photo/shared/io/blob-files';
import type { SpoolSlots } from '@photo/shared/io/spool-slots';
import type { BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type {
  ConsumeResult,
  OneTimeTokenRepository,
} from '@photo/shared/ports/one-time-token-repository.port';
import type { ImageSanitizer } from '@photo/shared/ports/image-sanitizer.port';
import { sha256Hex } from '@photo/shared/security/hashing';
import type { CleanOriginals } from './clean-originals';
import type { ServedBytesCache } from './served-bytes-cache';
import { strippedCopy } from './strip-metadata';

export interface RedeemLinkDeps {
  images: ImageRepository;
  tokens: OneTimeTokenRepository;
  blobs: BlobStore;
  clock: Clock;
  sanitizer: ImageSanitizer;
  tmpDir: string;
  /** The uploads' slots: a legacy original's copies in the temp directory count against them too. */
  spoolSlots: SpoolSlots;
  maxPixels: number;
  /** Originals already known to need no stripping: streamed as they are. */
  cleanOriginals: CleanOriginals;
  /** The bytes of small images served lately: a redeem of one of them reads no storage. */
  servedBytes: ServedBytesCache;
}

/** Tokens are 256-bit base64url strings: anything else is unknown without a lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** What a link serves: its type, length and hash (the ETag), and the bytes (null for a peek): whole, or a stream. */
export interface Redeemed {
  served: { contentType: string; bytes: number; sha256: string };
  body: Buffer | Readable | null;
}

/**
 * Redeems a one-time link. `consume` uses the token up atomically (exactly one of any number of concurrent
 * requests wins); `peek` answers the same question without using it (HEAD). The bytes are streamed from storage,
 * except an original's not yet known to be clean: see `servedOriginal`.
 */
export async function redeemLink(
  deps: RedeemLinkDeps,
  token: string,
  mode: 'consume' | 'peek',
): Promise<Redeemed> {
  if (!TOKEN_SHAPE.test(token)) throw errors.tokenUnknown();
  const hash = sha256Hex(token);
  const now = deps.clock.now();
  const result =
    mode === 'consume' ? await deps.tokens.consume(hash, now) : await deps.tokens.peek(hash, now);
  const grant = granted(result);
  const variant = await deps.images.getVariant(grant.imageId, grant.version, grant.variant);
  if (!variant) throw errors.imageNotFound(grant.imageId);
  const clean = deps.cleanOriginals;
  if (variant.variant === 'original' && !clean.has(variant.blobKey)) {
    // Redeems that arrive while this original is being checked wait for its verdict rather than check it again.
    const earlier = clean.pending(variant.blobKey);
    if (earlier) await earlier.catch(() => undefined);
    if (!clean.has(variant.blobKey)) {
      const served = servedOriginal(deps, variant, mode);
      return earlier ? served : clean.checking(variant.blobKey, served);
    }
  }
  const served = { contentType: variant.contentType, bytes: variant.bytes, sha256: variant.sha256 };
  if (mode === 'peek') return { served, body: null };
  // The record has the content type: the store need not be asked for it.
  const open = () => deps.blobs.get(variant.blobKey, { contentType: variant.contentType });
  const body = deps.servedBytes.accepts(variant)
    ? await deps.servedBytes.get(variant, async () => {
        const object = await open();
        return object && (await wholeBody(object.body));
      })
    : (await open())?.body;
  if (!body) throw errors.imageNotFound(variant.imageId);
  return { served, body };
}

async function wholeBody(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/**
 * An original stored before originals were stripped on upload still carries its metadata (GPS among it): it is
 * served stripped, from a copy in the temp directory removed once sent. One stored stripped is served as it is. The
 * copy is deterministic, so HEAD answers the length and ETag GET will send.
 */
async function servedOriginal(
  deps: RedeemLinkDeps,
  variant: StoredVariant,
  mode: 'consume' | 'peek',
): Promise<Redeemed> {
  const release = await deps.spoolSlots.acquire();
  const files = await tempFiles(deps.tmpDir);
  const cleanup = async (...more: (Promise<void> | undefined)[]) => {
    await Promise.all([files.cleanup(), ...more]);
    release();
  };
  try {
    const path = await downloadBlob(deps.blobs, variant.blobKey, files.path('.original'));
    if (!path) throw errors.imageNotFound(variant.imageId);
    const stripped = await strippedCopy(deps.sanitizer, path, deps.tmpDir, deps.maxPixels);
    if (!stripped) deps.cleanOriginals.add(variant.blobKey);
    const served = stripped ?? {
      contentType: variant.contentType,
      bytes: variant.bytes,
      sha256: variant.sha256,
    };
    if (mode === 'peek') {
      await cleanup(stripped?.remove());
      return { served, body: null };
    }
    const body = createReadStream(stripped?.path ?? path);
    body.on('close', () => void cleanup(stripped?.remove()));
    return { served, body };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

function granted(result: ConsumeResult) {
  switch (result.outcome) {
    case 'granted':
      return result.grant;
    case 'used':
      throw errors.tokenUsed();
    case 'expired':
      throw errors.tokenExpired();
    case 'unknown':
      throw errors.tokenUnknown();
  }
}
