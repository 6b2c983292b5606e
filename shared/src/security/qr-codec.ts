import { visitorIdSchema } from '../domain/ids';
import { errors } from '../errors/errors';
import { hmacSha256, safeEqual } from './hashing';

const PREFIX = 'PQR1';
const MAC_BYTES = 16;

/**
 * The QR payload staff scan: `PQR1.<visitorId>.<expiry>.<mac>`. The MAC (HMAC-SHA256, 128 bits) makes it
 * unforgeable; it names the participant but carries nothing that lets anyone act as them (the participant token
 * is a separate secret that never appears in it).
 */
export class QrCodec {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {}

  encode(visitorId: string, now: Date): string {
    const expiry = Math.floor(now.getTime() / 1000 + this.ttlSeconds).toString(36);
    const body = `${PREFIX}.${visitorId}.${expiry}`;
    return `${body}.${this.mac(body).toString('base64url')}`;
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
    // so many spellings of one MAC would pass. Exactly one payload is genuine.
    const expected = this.mac(`${prefix}.${visitorId}.${expiry}`).toString('base64url');
    if (!safeEqual(Buffer.from(mac), Buffer.from(expected))) throw errors.invalidQrCode('signature mismatch');
    if (parseInt(expiry, 36) * 1000 < now.getTime()) {
      throw errors.qrExpired();
    }
    return visitorId;
  }

  private mac(body: string): Buffer {
    return hmacSha256(this.secret, body).subarray(0, MAC_BYTES);
  }
}
