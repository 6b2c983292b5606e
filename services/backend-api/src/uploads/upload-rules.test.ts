import { describe, expect, it } from 'vitest';
import { checkCallbackUrl } from './callback-url';
import { targetLifetimeSeconds, toUploadRules, uploadRulesEnv } from './upload-config';

const rules = toUploadRules(uploadRulesEnv.parse({}), [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
]);

describe('upload rules', () => {
  it('when the size grows, then the target lives base + size / slow rate seconds, capped at the maximum', () => {
    expect(targetLifetimeSeconds(rules, 1)).toBe(121);
    expect(targetLifetimeSeconds(rules, 25 * 1024 * 1024)).toBe(120 + 400);
    expect(targetLifetimeSeconds(rules, 1024 ** 3)).toBe(3600);
  });

  it('when HEIC is asked for and this build cannot decode it, then the configuration is refused', () => {
    const env = uploadRulesEnv.parse({ UPLOAD_ALLOWED_TYPES: 'image/jpeg,image/heic' });
    expect(() => toUploadRules(env, ['image/jpeg'])).toThrow(/image\/heic cannot be decoded/);
  });

  it('when a callback URL is https to a public host, then it is kept; anything local, private or plain http is not', () => {
    expect(checkCallbackUrl('https://hooks.example.com/upload', false)).toBe(
      'https://hooks.example.com/upload',
    );
    expect(checkCallbackUrl('https://93.184.215.14/upload', false)).toBe('https://93.184.215.14/upload');
    for (const url of [
      'http://hooks.example.com/x',
      'https://localhost/x',
      'https://127.0.0.1/x',
      'https://10.1.2.3/x',
      'https://[::1]/x',
      'https://169.254.169.254/computeMetadata',
      'https://[::ffff:127.0.0.1]/x',
      'https://[::ffff:169.254.169.254]/computeMetadata',
      'https://[::ffff:7f00:1]/x',
      'https://100.64.0.1/x',
      'https://[64:ff9b::a9fe:a9fe]/x',
      'https://[fd00:ec2::254]/x',
      'https://0.0.0.0/x',
      'https://224.0.0.1/x',
      'https://user:pass@example.com/x',
      'ftp://example.com/x',
      'not a url',
    ])
      expect(() => checkCallbackUrl(url, false), url).toThrow();
    expect(checkCallbackUrl('http://127.0.0.1:9000/x', true)).toBe('http://127.0.0.1:9000/x');
  });
});
