import type { ImageVariant } from '@photo/shared/domain/image';
import { errors } from '@photo/shared/errors/errors';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { IssuedImageLink } from '@photo/shared/ports/image-server-client.port';
import type { OneTimeTokenRepository } from '@photo/shared/ports/one-time-token-repository.port';
import { randomToken, sha256Hex } from '@photo/shared/security/hashing';

export interface IssueLinkDeps {
  images: ImageRepository;
  tokens: OneTimeTokenRepository;
  clock: Clock;
  ttlSeconds: number;
}

export interface IssuedLink {
  token: string;
  imageId: string;
  version: number;
  variant: ImageVariant;
  expiresAt: Date;
}

/**
 * Attaches a single-use token to an image: bound to the version and variant served right now (or the variant
 * asked for), so a later swap never changes what an issued link returns. 256 random bits; only the hash is stored.
 */
export async function issueLink(
  deps: IssueLinkDeps,
  imageId: string,
  variant: ImageVariant | null,
): Promise<IssuedLink> {
  const image = await deps.images.get(imageId);
  if (!image || image.currentVersion === 0) throw errors.imageNotFound(imageId);
  const chosen = variant ?? image.servedVariant;
  const stored = await deps.images.getVariant(imageId, image.currentVersion, chosen);
  if (!stored) throw errors.imageVariantNotFound(imageId, chosen);
  const token = randomToken(256);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.ttlSeconds * 1000);
  await deps.tokens.create({
    tokenHash: sha256Hex(token),
    imageId,
    version: stored.version,
    variant: chosen,
    createdAt: now,
    expiresAt,
  });
  return { token, imageId, version: stored.version, variant: chosen, expiresAt };
}

/** A link as its holder sees it: the URL `GET /i/{token}` answers at, and what it serves until when. */
export function issuedLinkView(link: IssuedLink, publicBaseUrl: string): IssuedImageLink {
  return {
    url: `${publicBaseUrl}/i/${link.token}`,
    imageId: link.imageId,
    version: link.version,
    variant: link.variant,
    expiresAt: link.expiresAt.toISOString(),
  };
}
