import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksPng } from '@photo/shared/testing/images';
import { startHarness, type Harness } from './harness';

interface StreamedImage {
  id: string;
  imageId: string;
  status: string;
}

/** Reads `event: image` events off an SSE body until `until` holds or the stream ends. */
async function readImages(
  body: ReadableStream<Uint8Array>,
  until: (seen: StreamedImage[]) => boolean,
): Promise<{ seen: StreamedImage[]; ended: boolean }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const seen: StreamedImage[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { seen, ended: true };
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) => block.match(new RegExp(`^${name}: ?(.*)$`, 'm'))?.[1];
      if (field('event') !== 'image') continue;
      const data = JSON.parse(field('data')!) as { imageId: string; status: string };
      seen.push({ id: field('id')!, imageId: data.imageId, status: data.status });
    }
    if (until(seen)) {
      await reader.cancel();
      return { seen, ended: false };
    }
  }
}

describe("the operators' pipeline stream (GET /pipeline/events)", () => {
  let h: Harness;
  let operator: string;

  beforeAll(async () => {
    h = await startHarness();
    operator = await h.token('operator');
  });
  afterAll(() => h.stop());

  const upload = async () => {
    const res = await h.api('/images', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(
        await blocksPng(64, 48, [
          [200, 30, 30],
          [30, 150, 60],
        ]),
      ),
    });
    return ((await res.json()) as { images: { imageId: string }[] }).images[0]!.imageId;
  };

  it('when an event image goes through the pipeline, then the stream pushes each status; a reconnect with Last-Event-ID resumes from the last one', async () => {
    const stream = await h.api('/pipeline/events', { token: operator });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const imageId = await upload();
    const { seen } = await readImages(stream.body!, (s) =>
      s.some((e) => e.imageId === imageId && e.status === 'clustered'),
    );
    const statuses = seen.filter((e) => e.imageId === imageId).map((e) => e.status);
    // The stream sends each image's state as it reads it: states passed between two reads are skipped.
    expect(statuses.at(-1)).toBe('clustered');
    for (const status of statuses) expect(['empty', 'uploaded', 'clustering', 'clustered']).toContain(status);
    const last = seen.at(-1)!;

    const resumed = await h.api('/pipeline/events', {
      token: operator,
      headers: { 'last-event-id': last.id },
    });
    const again = await readImages(resumed.body!, (s) => s.length > 0);
    expect(again.seen[0]).toMatchObject({ imageId, status: 'clustered', id: last.id });
  });

  it('when the Last-Event-ID is not one it sent, or the caller is a participant, then it is refused before it opens', async () => {
    const bogus = await h.api('/pipeline/events', { token: operator, headers: { 'last-event-id': 'dTQy' } });
    expect(bogus.status).toBe(400);
    const created = (await (
      await h.api('/participants', {
        method: 'POST',
        token: operator,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'Ren' }),
      })
    ).json()) as { participantToken: string };
    expect((await h.api('/pipeline/events', { token: created.participantToken })).status).toBe(403);
  });

  it('when the system shuts down, then an open stream ends', async () => {
    const stream = await h.api('/pipeline/events', { token: operator });
    const reading = readImages(stream.body!, () => false);
    await h.stop();
    expect((await reading).ended).toBe(true);
  });
});
