import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@photo/shared/config/parse-config';
import { backendConfigSchema, toBackendConfig } from './config';

const REQUIRED = {
  AUTH_ISSUER: 'https://tenant.example/',
  AUTH_AUDIENCE: 'https://api.example',
  IMAGE_SERVER_URL: 'http://127.0.0.1:9',
  QR_SECRET: 'n'.repeat(40),
};

const configOf = (env: Record<string, string>) =>
  toBackendConfig(parseConfig(backendConfigSchema, { ...REQUIRED, ...env }));

describe('backend QR settings', () => {
  it('when QR_SECRET_PREVIOUS is set during a rotation, then payloads signed with it still verify', () => {
    expect(configOf({ QR_SECRET_PREVIOUS: 'o'.repeat(40) }).qr).toMatchObject({
      secret: 'n'.repeat(40),
      previousSecrets: ['o'.repeat(40)],
    });
  });

  it('when QR_SECRET_PREVIOUS is empty or unset, then only QR_SECRET verifies', () => {
    expect(configOf({ QR_SECRET_PREVIOUS: '' }).qr.previousSecrets).toEqual([]);
    expect(configOf({}).qr.previousSecrets).toEqual([]);
  });

  it('when QR_SECRET_PREVIOUS is shorter than 32 characters, then the configuration is refused', () => {
    expect(() => configOf({ QR_SECRET_PREVIOUS: 'short' })).toThrow(ConfigError);
  });
});

describe('backend self-registration setting', () => {
  it('when SELF_REGISTRATION is unset, then self-registration is off', () => {
    expect(configOf({}).selfRegistration).toBe(false);
  });

  it('when the event turns SELF_REGISTRATION on, then it is open', () => {
    expect(configOf({ SELF_REGISTRATION: 'true' }).selfRegistration).toBe(true);
  });
});
