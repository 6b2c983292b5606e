import { hmacSha256, randomToken, safeEqual } from './hashing';

/**
 * Upload webhooks are signed like Stripe's: `X-Upload-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
 * under a secret of the intent's own (256 random bits), answered once when the upload is requested.
 */
export const SIGNATURE_HEADER = 'X-Upload-Signature';

export const newCallbackSecret = (): string => `whsec_${randomToken(256)}`;

export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmacSha256(secret, `${t}.${body}`).toString('hex')}`;
}

/** What a receiver runs: the signature matches the body and is at most `toleranceSeconds` old. */
export function verifyWebhook(
  secret: string,
  body: string,
  header: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds || !parts.v1)
    return false;
  return safeEqual(Buffer.from(parts.v1), Buffer.from(hmacSha256(secret, `${t}.${body}`).toString('hex')));
}
