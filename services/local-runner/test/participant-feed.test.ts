import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newImageId } from '@photo/shared/domain/ids';
import { startHarness, type Harness } from './harness';

describe('the participant feed: paging, ETags and bad cursors', () => {
  let h: Harness;
  let participant: { token: string; visitorId: string };
  let operator: string;

  beforeAll(async () => {
    h = await startHarness({ env: { SELF_REGISTRATION: 'true' } });
    const res = await h.api('/participants/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Ren' }),
    });
    const body = (await res.json()) as { participant: { visitorId: string }; participantToken: string };
    participant = { token: body.participantToken, visitorId: body.participant.visitorId };
    operator = await h.token('operator');
    for (let i = 0; i < 150; i++) {
      await h.system.adapters.updates.record({
        visitorId: participant.visitorId,
        imageId: newImageId(),
        version: 1,
        variant: 'original',
        updatedAt: new Date(),
      });
    }
  });
  afterAll(() => h.stop());

  it('when more updates wait than one page holds, then the next poll with the ETag gets the rest, not a 304', async () => {
    const first = await h.api('/me/updates', { token: participant.token });
    const page1 = (await first.json()) as { updates: unknown[]; cursor: string };
    expect(page1.updates).toHaveLength(100);
    const second = await h.api(`/me/updates?since=${page1.cursor}`, {
      token: participant.token,
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(second.status).toBe(200);
    const page2 = (await second.json()) as { updates: unknown[]; cursor: string };
    expect(page2.updates).toHaveLength(50);
    const third = await h.api(`/me/updates?since=${page2.cursor}`, {
      token: participant.token,
      headers: { 'if-none-match': second.headers.get('etag')! },
    });
    expect(third.status).toBe(304);
  });

  it('when a poll or a stream names a cursor the feed never issued, then 400 REQUEST.INVALID_CURSOR', async () => {
    for (const path of ['/me/updates?since=bogus', '/me/updates/stream?since=bogus']) {
      const res = await h.api(path, { token: participant.token });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'REQUEST.INVALID_CURSOR' } });
    }
  });

  it('when a list is asked for a page after a forged cursor, then 400 REQUEST.INVALID_CURSOR', async () => {
    for (const path of [
      '/participants?after=%25%25',
      '/images?after=eyJ4IjoxfQ',
      '/admin/dead-letters?after=nope',
    ]) {
      const res = await h.api(path, { token: operator });
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'REQUEST.INVALID_CURSOR' } });
    }
  });

  it('when a phone hangs up while its stream is still being opened, then the stream leaves no subscription behind', async () => {
    const feed = h.system.adapters.updates;
    const since = feed.since;
    let reading!: () => void;
    const read = new Promise<void>((r) => (reading = r));
    // The stream's first read (the cursor check) is slow, and the phone gives up during it.
    feed.since = async (...args) => {
      feed.since = since;
      reading();
      await new Promise((r) => setTimeout(r, 300));
      return since.apply(feed, args);
    };
    const before = h.system.hub.connections;
    const hangUp = new AbortController();
    const opening = h.api('/me/updates/stream', { token: participant.token, signal: hangUp.signal });
    await read;
    hangUp.abort();
    await expect(opening).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500));
    expect(h.system.hub.connections).toBe(before);
  });
});
