import { z } from 'zod';
import type { UploadConditions } from '../ports/upload-target-signer.port';
import { hmacSha256, safeEqual } from './hashing';

const VERSION = 'UP1';

const policySchema = z
  .object({
    k: z.string().min(1).max(512),
    t: z.string().min(1).max(200),
    min: z.number().int().min(0),
    max: z.number().int().min(0),
    exp: z.number().int().positive(),
  })
  .strict();

export type PolicyCheck =
  { ok: true; conditions: UploadConditions } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/**
 * The embedded counterpart of a V4 signed URL: `UP1.<base64url JSON of key, type, size range, expiry>.<HMAC>`,
 * HMAC-SHA256 under a key kept in the data directory. Whoever holds it may PUT exactly that object, of exactly that
 * type and size range, before the expiry; change one character and the signature no longer matches.
 */
export class UploadPolicyCodec {
  constructor(private readonly key: string) {}

  sign(conditions: UploadConditions): string {
    const payload = Buffer.from(
      JSON.stringify({
        k: conditions.key,
        t: conditions.contentType,
        min: conditions.minBytes,
        max: conditions.maxBytes,
        exp: Math.floor(conditions.expiresAt.getTime() / 1000),
      }),
    ).toString('base64url');
    return `${VERSION}.${payload}.${this.mac(payload)}`;
  }

  verify(token: string, now: Date): PolicyCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION || token.length > 4096)
      return { ok: false, reason: 'malformed' };
    const [, payload, mac] = parts as [string, string, string];
    // Compared as text: exactly one spelling of the MAC is genuine.
    if (!safeEqual(Buffer.from(mac), Buffer.from(this.mac(payload))))
      return { ok: false, reason: 'signature' };
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const parsed = policySchema.safeParse(decoded);
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    const p = parsed.data;
    if (p.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      conditions: {
        key: p.k,
        contentType: p.t,
        minBytes: p.min,
        maxBytes: p.max,
        expiresAt: new Date(p.exp * 1000),
      },
    };
  }

  private mac(payload: string): string {
    return hmacSha256(this.key, `${VERSION}.${payload}`).toString('base64url');
  }
}
