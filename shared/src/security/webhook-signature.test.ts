import { describe, expect, it } from 'vitest';
import { newCallbackSecret, signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = newCallbackSecret();
  const at = new Date('2025-06-01T10:00:00Z');
  const body = JSON.stringify({ type: 'upload.ready' });

  it('when a receiver checks a fresh signature of the same body, then it verifies', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(verifyWebhook(secret, body, signWebhook(secret, body, at), at)).toBe(true);
  });

  it('when the body, the secret or the time differ, then it does not', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhook(secret, `${body} `, header, at)).toBe(false);
    expect(verifyWebhook(newCallbackSecret(), body, header, at)).toBe(false);
    expect(verifyWebhook(secret, body, header, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifyWebhook(secret, body, 'garbage', at)).toBe(false);
  });
});
