import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

describe('the console team page', () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.stop());

  it('when an operator lists operators, then the directory answers users with their roles', async () => {
    const res = await h.api('/admin/operators', { token: await h.token('operator') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { userId: string; roles: string[] }[] };
    expect(body.items).toEqual([
      expect.objectContaining({ userId: 'dev|operator', roles: ['operator'] }),
      expect.objectContaining({ userId: 'dev|staff', roles: ['staff'] }),
    ]);
  });

  it('when staff ask for it, then 403: it needs read:operators', async () => {
    const res = await h.api('/admin/operators', { token: await h.token('staff') });
    expect(res.status).toBe(403);
  });
});
