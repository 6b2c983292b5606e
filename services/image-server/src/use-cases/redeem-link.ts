import type { StoredVariant } from '@photo/shared/domain/image';
import { errors } from '@photo/shared/errors/errors';
import type { BlobObject, BlobStore } from '@photo/shared/ports/blob-store.port';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type {
  ConsumeResult,
  OneTimeTokenRepository,
} from '@photo/shared/ports/one-time-token-repository.port';
import { sha256Hex } from '@photo/shared/security/hashing';

export interface RedeemLinkDeps {
  images: ImageRepository;
  tokens: OneTimeTokenRepository;
  blobs: BlobStore;
  clock: Clock;
}

/** Tokens are 256-bit base64url strings: anything else is unknown without a lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface Redeemed {
  variant: StoredVariant;
  object: BlobObject | null;
}

/**
 * Redeems a one-time link. `consume` uses the token up atomically (exactly one of any number of concurrent
 * requests wins); `peek` answers the same question without using it (HEAD). The bytes are streamed from storage.
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
  if (mode === 'peek') return { variant, object: null };
  const object = await deps.blobs.get(variant.blobKey);
  if (!object) throw errors.imageNotFound(grant.imageId);
  return { variant, object };
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
