import { describe, expect, it } from 'vitest';
import { UploadPolicyCodec } from './upload-policy';

const conditions = {
  key: 'uploads/up_0123456789abcdefghjk',
  contentType: 'image/jpeg',
  minBytes: 10,
  maxBytes: 10,
  expiresAt: new Date('2025-06-01T10:10:00Z'),
};
const before = new Date('2025-06-01T10:00:00Z');

describe('UploadPolicyCodec', () => {
  const codec = new UploadPolicyCodec('k'.repeat(43));

  it('when a signed policy is verified before its expiry, then its conditions come back', () => {
    expect(codec.verify(codec.sign(conditions), before)).toEqual({ ok: true, conditions });
  });

  it('when the expiry has passed, then it is expired', () => {
    expect(codec.verify(codec.sign(conditions), new Date('2025-06-01T10:10:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('when any part is changed, or another key signed it, then the signature does not match', () => {
    const token = codec.sign(conditions);
    const [version, payload, mac] = token.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), max: 1e9 }),
    );
    expect(codec.verify(`${version}.${forged.toString('base64url')}.${mac}`, before)).toMatchObject({
      reason: 'signature',
    });
    const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    expect(codec.verify(`${version}.${payload}.${flipped}`, before)).toMatchObject({ reason: 'signature' });
    expect(new UploadPolicyCodec('other').verify(token, before)).toMatchObject({ reason: 'signature' });
  });

  it('when the token is not one at all, then it is malformed', () => {
    for (const token of ['', 'UP1', 'UP2.a.b', 'UP1.a.b.c'])
      expect(codec.verify(token, before)).toMatchObject({ ok: false });
  });
});
