import { Agent, get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyJpeg } from '@photo/shared/testing/images';
import { startHarness, type Harness } from './harness';
import {
  createParticipant,
  expectError,
  json,
  ManualClock,
  putPhoto,
  type CreatedParticipant,
} from './support';

const IMAGE_HEADERS = [
  'content-type',
  'content-length',
  'etag',
  'cache-control',
  'x-content-type-options',
  'accept-ranges',
];

describe('one-time image links at the image server, through real HTTP', () => {
  const clock = new ManualClock();
  let h: Harness;
  let staff: string;
  let alice: CreatedParticipant;
  let firstShot: Buffer;

  beforeAll(async () => {
    h = await startHarness({ clock, env: { LINK_TTL_SECONDS: '30' } });
    staff = await h.token('staff');
    alice = await createParticipant(h, await h.token('operator'), 'Alice');
    firstShot = await noisyJpeg(160, 120, 11);
    expect((await putPhoto(h, staff, alice.participant.visitorId, firstShot)).status).toBe(201);
  });
  afterAll(() => h.stop());

  /** A fresh link to the original of Alice's current photo, as she would ask for it. */
  const issue = async () => {
    const res = await h.api(`/images/${alice.participant.photoImageId}/url`, {
      method: 'POST',
      token: alice.participantToken,
      ...json({ variant: 'original' }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { url: string; version: number };
  };
  const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
  const headersOf = (res: Response) =>
    Object.fromEntries(IMAGE_HEADERS.map((name) => [name, res.headers.get(name)]));
  const linkTo = (token: string) => `${h.system.urls.imageServer}/i/${token}`;

  it('when a token was never issued, then 404 TOKEN.UNKNOWN as JSON', async () => {
    await expectError(await fetch(linkTo('A'.repeat(43))), 404, 'TOKEN.UNKNOWN');
    const head = await fetch(linkTo('A'.repeat(43)), { method: 'HEAD' });
    expect(head.status).toBe(404);
  });

  it.each([
    ['too short', 'abc'],
    ['too long', 'A'.repeat(44)],
    ['a path traversal', '..%2F..%2Fbuckets%2Fimages'],
    ['dots', '.'.repeat(43)],
    ['a NUL byte', `${'A'.repeat(42)}%00`],
  ])('when the token is malformed (%s), then 404 TOKEN.UNKNOWN', async (_name, token) => {
    await expectError(await fetch(linkTo(token)), 404, 'TOKEN.UNKNOWN');
  });

  it('when the token is not even a valid URL segment (bad percent-encoding), then 400 REQUEST.INVALID, never a 500', async () => {
    await expectError(await fetch(linkTo(`${'A'.repeat(41)}%E0%A4%A`)), 400, 'REQUEST.INVALID');
  });

  it('when a path reaches no link route, then 404 ROUTE.NOT_FOUND', async () => {
    await expectError(await fetch(`${h.system.urls.imageServer}/i/`), 404, 'ROUTE.NOT_FOUND');
    await expectError(await fetch(`${h.system.urls.imageServer}/i/a/b`), 404, 'ROUTE.NOT_FOUND');
  });

  it('when a link is opened twice, then the first gets the bytes and the second 410 TOKEN.USED', async () => {
    const { url } = await issue();
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect((await bytesOf(first)).equals(firstShot)).toBe(true);
    await expectError(await fetch(url), 410, 'TOKEN.USED');
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(410);
  });

  it('when 1,000 requests race for one fresh link, then exactly one gets the image and the rest 410 TOKEN.USED', async () => {
    const { url } = await issue();
    // 1,000 requests sent at once over 200 sockets: more connections at once than a listen backlog holds would be
    // refused by the kernel before the server saw them.
    const agent = new Agent({ keepAlive: true, maxSockets: 200 });
    try {
      const answers = await Promise.all(Array.from({ length: 1000 }, () => get(url, agent)));
      const won = answers.filter((a) => a.status === 200);
      expect(won).toHaveLength(1);
      expect(won[0]!.body.equals(firstShot)).toBe(true);
      const codes = answers
        .filter((a) => a.status !== 200)
        .map(
          (a) =>
            `${a.status} ${(JSON.parse(a.body.toString('utf8')) as { error: { code: string } }).error.code}`,
        );
      expect(codes).toEqual(Array.from({ length: 999 }, () => '410 TOKEN.USED'));
    } finally {
      agent.destroy();
    }
  });

  it('when HEAD comes first, then it uses nothing up and announces exactly the headers GET answers with', async () => {
    const { url } = await issue();
    const head = await fetch(url, { method: 'HEAD' });
    const again = await fetch(url, { method: 'HEAD' });
    expect([head.status, again.status]).toEqual([200, 200]);
    expect(headersOf(head)).toEqual({
      'content-type': 'image/jpeg',
      'content-length': String(firstShot.length),
      etag: expect.stringMatching(/^"[0-9a-f]{64}"$/),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'accept-ranges': 'none',
    });

    const get = await fetch(url);
    expect(get.status).toBe(200);
    expect(headersOf(get)).toEqual(headersOf(head));
    expect((await bytesOf(get)).equals(firstShot)).toBe(true);
  });

  it.each([
    'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    'facebookexternalhit/1.1',
    'WhatsApp/2.23.20.0',
    'TelegramBot (like TwitterBot)',
  ])(
    'when a link preview bot (%s) fetches it, then 403 TOKEN.PREVIEW_REFUSED and the link still works',
    async (userAgent) => {
      const { url } = await issue();
      await expectError(
        await fetch(url, { headers: { 'user-agent': userAgent } }),
        403,
        'TOKEN.PREVIEW_REFUSED',
      );
      expect((await fetch(url, { method: 'HEAD', headers: { 'user-agent': userAgent } })).status).toBe(403);
      const person = await fetch(url, {
        headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' },
      });
      expect(person.status).toBe(200);
      expect((await bytesOf(person)).equals(firstShot)).toBe(true);
    },
  );

  it('when a Range is asked for, then the whole image comes with 200 and Accept-Ranges: none', async () => {
    const { url } = await issue();
    const res = await fetch(url, { headers: { range: 'bytes=0-99' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('none');
    expect(res.headers.get('content-range')).toBeNull();
    expect((await bytesOf(res)).equals(firstShot)).toBe(true);
  });

  it('when the TTL passes before the link is opened, then 410 TOKEN.EXPIRED for HEAD and GET', async () => {
    const { url } = await issue();
    clock.advance(31);
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(410);
    await expectError(await fetch(url), 410, 'TOKEN.EXPIRED');
  });

  it('when version 2 is uploaded after a link to version 1 was issued, then the link still serves version 1', async () => {
    const toVersion1 = await issue();
    expect(toVersion1.version).toBe(1);
    const secondShot = await noisyJpeg(160, 120, 12);
    const upload = await putPhoto(h, staff, alice.participant.visitorId, secondShot, { expectedVersion: 1 });
    expect(upload.status).toBe(201);

    const old = await fetch(toVersion1.url);
    expect(old.status).toBe(200);
    expect((await bytesOf(old)).equals(firstShot)).toBe(true);

    const toVersion2 = await issue();
    expect(toVersion2.version).toBe(2);
    expect((await bytesOf(await fetch(toVersion2.url))).equals(secondShot)).toBe(true);
  });
});

/** A GET through `agent`, with the whole body. */
function get(url: string, agent: Agent): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}
