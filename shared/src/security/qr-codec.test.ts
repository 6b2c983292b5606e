import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error';
import { QrCodec } from './qr-codec';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const ALICE = 'v_0123456789abcdefghjk';
const BOB = 'v_kjhgfedcba9876543210';
const issuedAt = new Date('2025-06-01T10:00:00Z');
const codec = new QrCodec(SECRET, 60);

/** The stable code the decoder throws with, or 'OK'. */
function outcome(payload: string, now = issuedAt): string {
  try {
    codec.decode(payload, now);
    return 'OK';
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
}

const withPart = (payload: string, index: number, value: string) => {
  const parts = payload.split('.');
  parts[index] = value;
  return parts.join('.');
};

const base64urlChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('QrCodec', () => {
  const alice = codec.encode(ALICE, issuedAt);

  it('when a payload is genuine and fresh, then it decodes to the visitor id', () => {
    expect(alice).toMatch(/^PQR1\.v_[0-9a-z]{20}\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    expect(codec.decode(alice, issuedAt)).toBe(ALICE);
    expect(codec.decode(` ${alice}\n`, new Date(issuedAt.getTime() + 59_000))).toBe(ALICE);
  });

  it('when any one character of the MAC is changed, to any other character, then QR.INVALID', () => {
    const mac = alice.split('.')[3]!;
    for (let i = 0; i < mac.length; i++) {
      for (const c of base64urlChars) {
        if (c === mac[i]) continue;
        const forged = withPart(alice, 3, mac.slice(0, i) + c + mac.slice(i + 1));
        expect(outcome(forged), `MAC position ${i} changed to ${c}`).toBe('QR.INVALID');
      }
    }
  });

  it("when the visitor id is swapped for another's, then QR.INVALID", () => {
    expect(outcome(withPart(alice, 1, BOB))).toBe('QR.INVALID');
    const bob = codec.encode(BOB, issuedAt);
    expect(outcome(withPart(alice, 3, bob.split('.')[3]!))).toBe('QR.INVALID');
  });

  it('when the expiry is pushed later, then QR.INVALID', () => {
    const expiry = parseInt(alice.split('.')[2]!, 36);
    expect(outcome(withPart(alice, 2, (expiry + 3600).toString(36)))).toBe('QR.INVALID');
  });

  it('when another secret signed it, then QR.INVALID', () => {
    expect(outcome(new QrCodec(`${SECRET}-other`, 60).encode(ALICE, issuedAt))).toBe('QR.INVALID');
  });

  it.each([
    ['empty', ''],
    ['another prefix', alice.replace('PQR1', 'PQR2')],
    ['a part missing', alice.split('.').slice(0, 3).join('.')],
    ['a part too many', `${alice}.x`],
    ['a bad visitor id', withPart(alice, 1, 'v_../../etc')],
    ['a bad expiry', withPart(alice, 2, 'ZZZ')],
    ['an empty MAC', withPart(alice, 3, '')],
    ['a short MAC', withPart(alice, 3, alice.split('.')[3]!.slice(0, 21))],
    ['a MAC with padding', `${alice}==`],
    [
      'a MAC with characters outside base64url',
      withPart(alice, 3, `${alice.split('.')[3]!.slice(0, 11)}*!${alice.split('.')[3]!.slice(11)}`),
    ],
    [
      'a MAC in standard base64',
      withPart(alice, 3, alice.split('.')[3]!.replaceAll('-', '+').replaceAll('_', '/').concat('==')),
    ],
    ['a URL', 'https://example.com/PQR1'],
  ])('when the payload is malformed (%s), then QR.INVALID', (_name, payload) => {
    expect(outcome(payload)).toBe('QR.INVALID');
  });

  it('when the TTL has passed, then QR.EXPIRED; a forged expired payload is still QR.INVALID', () => {
    const later = new Date(issuedAt.getTime() + 61_000);
    expect(outcome(alice, later)).toBe('QR.EXPIRED');
    expect(outcome(withPart(alice, 1, BOB), later)).toBe('QR.INVALID');
  });

  it('when a payload is issued, then its expiresAt is the last instant it decodes (whole seconds)', () => {
    const now = new Date(issuedAt.getTime() + 500);
    const { payload, expiresAt } = codec.issue(ALICE, now);
    expect(payload).toBe(codec.encode(ALICE, now));
    expect(expiresAt).toEqual(new Date(issuedAt.getTime() + 60_000));
    expect(outcome(payload, expiresAt)).toBe('OK');
    expect(outcome(payload, new Date(expiresAt.getTime() + 1))).toBe('QR.EXPIRED');
  });
});

describe('QrCodec during a secret rotation', () => {
  const OLD = 'the-old-secret-of-at-least-32-characters';
  const NEW = 'the-new-secret-of-at-least-32-characters';
  const before = new QrCodec(OLD, 60);
  const during = new QrCodec(NEW, 60, [OLD]);
  const after = new QrCodec(NEW, 60);
  const printedBefore = before.encode(ALICE, issuedAt);

  it('when a payload was signed with the previous secret, then it decodes during the window, and not after', () => {
    expect(during.decode(printedBefore, issuedAt)).toBe(ALICE);
    expect(() => after.decode(printedBefore, issuedAt)).toThrow(
      expect.objectContaining({ code: 'QR.INVALID' }),
    );
  });

  it('when a payload is issued during the window, then it is signed with the new secret and decodes after it', () => {
    const printedDuring = during.encode(ALICE, issuedAt);
    expect(after.decode(printedDuring, issuedAt)).toBe(ALICE);
    expect(() => before.decode(printedDuring, issuedAt)).toThrow(
      expect.objectContaining({ code: 'QR.INVALID' }),
    );
  });

  it('when a payload was signed with neither secret, then QR.INVALID; when it is stale, then QR.EXPIRED', () => {
    const stranger = new QrCodec('some-other-secret-of-at-least-32-chars', 60).encode(ALICE, issuedAt);
    expect(() => during.decode(stranger, issuedAt)).toThrow(expect.objectContaining({ code: 'QR.INVALID' }));
    expect(() => during.decode(printedBefore, new Date(issuedAt.getTime() + 61_000))).toThrow(
      expect.objectContaining({ code: 'QR.EXPIRED' }),
    );
  });
});
