import { describe, expect, it } from 'vitest';
import { DEFAULT_SPOOL, imageServerConfigSchema, toImageServerConfig } from './config';

const required = {
  PUBLIC_BASE_URL: 'https://images.example.test',
  SERVICE_TOKEN_AUDIENCE: 'https://images.example.test',
  ALLOWED_CALLERS: 'backend@example.iam.gserviceaccount.com',
};
const spoolOf = (env: Record<string, string>) =>
  toImageServerConfig(imageServerConfigSchema.parse({ ...required, ...env })).spool;

describe('image server config: the upload spool', () => {
  it('when nothing is set, then 4 slots, 64 waiting and 30 s of waiting are the bounds', () => {
    expect(spoolOf({})).toEqual({ slots: 4, queue: 64, waitMs: 30_000 });
    expect(spoolOf({})).toEqual(DEFAULT_SPOOL);
  });

  it('when SPOOL_QUEUE is set, then that many uploads may wait (0: none)', () => {
    expect(spoolOf({ SPOOL_QUEUE: '0' }).queue).toBe(0);
    expect(spoolOf({ SPOOL_QUEUE: '500' }).queue).toBe(500);
  });

  it('when SPOOL_QUEUE is negative or not a number, then the config is refused', () => {
    for (const SPOOL_QUEUE of ['-1', 'many', '10001']) {
      expect(() => spoolOf({ SPOOL_QUEUE })).toThrow();
    }
  });
});
