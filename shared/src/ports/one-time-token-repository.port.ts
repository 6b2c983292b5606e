import type { ImageVariant } from '../domain/image';

export interface OneTimeGrant {
  /** sha256 (hex) of the token: a leaked table gives no usable link. */
  tokenHash: string;
  imageId: string;
  version: number;
  variant: ImageVariant;
  createdAt: Date;
  expiresAt: Date;
}

export type ConsumeResult =
  | { outcome: 'granted'; grant: OneTimeGrant }
  | { outcome: 'used' }
  | { outcome: 'expired' }
  | { outcome: 'unknown' };

/** Single-use grants behind one-time image URLs. */
export interface OneTimeTokenRepository {
  create(grant: OneTimeGrant): Promise<void>;
  /** Atomic: of any number of concurrent calls for one token, exactly one is granted. */
  consume(tokenHash: string, now: Date): Promise<ConsumeResult>;
  /** The same answer as consume, without using the token up (HEAD). */
  peek(tokenHash: string, now: Date): Promise<ConsumeResult>;
  /** Removes grants that expired before `before`; returns how many. */
  deleteExpired(before: Date): Promise<number>;
}
