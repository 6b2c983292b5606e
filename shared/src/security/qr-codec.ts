import { visitorIdSchema } from '../domain/ids';
import { errors } from '../errors/errors';
import { hmacSha256, safeEqual } from './hashing';

const PREFIX = 'PQR1';
const MAC_BYTES = 16;

/**
 * The QR payload staff scan: `PQR1.<visitorId>.<expiry>.<mac>`. The MAC (HMAC-SHA256, 128 bits) makes it
 * unforgeable; it names the participant but carries nothing that lets anyone act as them (the participant token
 * is a separate secret that never appears in it).
 *
 * Rotation: payloads are signed with `secret`; during a rotation window those signed with a `previousSecrets` entry
 * are still genuine, so codes printed before the rotation keep scanning until the window ends (docs/deploy.md).
 */
export class QrCodec {
  private readonly verifying: readonly string[];

  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    previousSecrets: readonly string[] = [],
  ) {
    this.verifying = [secret, ...previousSecrets.filter((s) => s !== secret)];
  }

  encode(visitorId: string, now: Date): string {
    return this.issue(visitorId, now).payload;
  }

  /** A payload and the instant it stops scanning (whole seconds: the payload carries no finer expiry). */
  issue(visitorId: string, now: Date): { payload: string; expiresAt: Date } {
    const seconds = Math.floor(now.getTime() / 1000 + this.ttlSeconds);
    const body = `${PREFIX}.${visitorId}.${seconds.toString(36)}`;
    return {
      payload: `${body}.${this.mac(body, this.secret).toString('base64url')}`,
      expiresAt: new Date(seconds * 1000),
    };
  }

  /** The visitor id of a genuine, unexpired payload; QR.INVALID or QR.EXPIRED otherwise. */
  decode(payload: string, now: Date): string {
    const parts = payload.trim().split('.');
    if (parts.length !== 4 || parts[0] !== PREFIX) throw errors.invalidQrCode('unrecognised format');
    const [prefix, visitorId, expiry, mac] = parts as [string, string, string, string];
    if (!visitorIdSchema.safeParse(visitorId).success || !/^[0-9a-z]{1,12}$/.test(expiry)) {
      throw errors.invalidQrCode('unrecognised format');
    }
    // Compared as text: decoding would skip characters outside base64url and the spare bits of the last one,
    // so many spellings of one MAC would pass. Exactly one payload per secret is genuine. Every secret is checked,
    // so the time taken does not tell which one matched.
    const body = `${prefix}.${visitorId}.${expiry}`;
    const matches = this.verifying.map((secret) =>
      safeEqual(Buffer.from(mac), Buffer.from(this.mac(body, secret).toString('base64url'))),
    );
    if (!matches.includes(true)) throw errors.invalidQrCode('signature mismatch');
    if (parseInt(expiry, 36) * 1000 < now.getTime()) {
      throw errors.qrExpired();
    }
    return visitorId;
  }

  private mac(body: string, secret: string): Buffer {
    return hmacSha256(secret, body).subarray(0, MAC_BYTES);
  }
}
