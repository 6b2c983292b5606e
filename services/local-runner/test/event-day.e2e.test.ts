import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyJpeg } from '@photo/shared/testing/images';
import { MODES, startHarness, type Harness } from './harness';

interface Created {
  participant: { visitorId: string; photoImageId: string };
  participantToken: string;
  qrPayload: string;
}

describe.each(MODES)('event day, through real HTTP (%s)', (mode) => {
  let h: Harness;
  let operator: string;
  let staff: string;
  let alice: Created;
  let firstShot: Buffer;
  let secondShot: Buffer;

  beforeAll(async () => {
    h = await startHarness({ mode, env: { SELF_REGISTRATION: 'true' } });
    firstShot = await noisyJpeg(320, 240, 1);
    secondShot = await noisyJpeg(320, 240, 2);
  });
  afterAll(() => h.stop());

  it('when an operator asks the dev identity provider for tokens over HTTP, then it issues Auth0-shaped tokens', async () => {
    const get = async (role: 'operator' | 'staff') => {
      const res = await fetch(`${h.system.urls.identity}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: role,
          client_secret: h.system.idp.clientSecret(role),
          audience: h.system.audience,
        }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { access_token: string }).access_token;
    };
    operator = await get('operator');
    staff = await get('staff');
    const claims = JSON.parse(Buffer.from(operator.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      iss: `${h.system.urls.identity}/`,
      aud: h.system.audience,
      sub: 'dev|operator',
    });
    expect(claims.permissions).toContain('write:participants');
  });

  it('when an operator imports a participant from CSV, then they get a visitor id, a token and a signed QR payload', async () => {
    const res = await h.api('/participants/import', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'text/csv' },
      body: 'displayName,email,externalRef\nAlice Example,alice@example.com,T-0001\n',
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { created: Created[] };
    expect(body.created).toHaveLength(1);
    alice = body.created[0]!;
    expect(alice.participant.visitorId).toMatch(/^v_/);
    expect(alice.qrPayload).not.toContain(alice.participantToken.slice(3));
    expect(alice.qrPayload).toContain(alice.participant.visitorId);
  });

  it('when staff scan the QR before any photo, then the status is not photographed', async () => {
    const res = await h.api('/checkin', {
      method: 'POST',
      token: staff,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr: alice.qrPayload }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: { state: string }; photo: unknown };
    expect(body.status.state).toBe('not-photographed');
    expect(body.photo).toBeNull();
  });

  const putPhoto = (bytes: Buffer, opts: { expectedVersion?: number; key?: string } = {}) =>
    h.api(
      `/participants/${alice.participant.visitorId}/photo${opts.expectedVersion === undefined ? '' : `?expectedVersion=${opts.expectedVersion}`}`,
      {
        method: 'PUT',
        token: staff,
        headers: { 'content-type': 'image/jpeg', ...(opts.key ? { 'idempotency-key': opts.key } : {}) },
        body: new Uint8Array(bytes),
      },
    );

  it('when staff upload a first photo and retry it with the same idempotency key, then one version exists', async () => {
    const first = await putPhoto(firstShot, { key: 'shot-0001-a' });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ version: 1, created: true });
    const retry = await putPhoto(firstShot, { key: 'shot-0001-a' });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ version: 1, created: false });
  });

  it('when staff scan again, then they see version 1 and a one-time URL of it to confirm the face', async () => {
    const res = await h.api('/checkin', {
      method: 'POST',
      token: staff,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr: alice.qrPayload }),
    });
    const body = (await res.json()) as {
      status: { state: string; photoVersion: number };
      photo: { url: string; version: number };
    };
    expect(body.status).toMatchObject({ state: 'photographed', photoVersion: 1 });
    const image = await fetch(body.photo.url);
    expect(Buffer.from(await image.arrayBuffer()).equals(firstShot)).toBe(true);
  });

  it('when staff upload again without confirming, then 409 names the current version; with it, a new version', async () => {
    const unconfirmed = await putPhoto(secondShot);
    expect(unconfirmed.status).toBe(409);
    expect(await unconfirmed.json()).toMatchObject({
      error: { code: 'IMAGE.VERSION_CONFLICT', details: { currentVersion: 1 } },
    });

    const confirmed = await putPhoto(secondShot, { expectedVersion: 1, key: 'shot-0001-b' });
    expect(confirmed.status).toBe(201);
    expect(await confirmed.json()).toMatchObject({ version: 2 });

    const stale = await putPhoto(firstShot, { expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { details: { currentVersion: 2 } } });
  });

  it('when the operator looks at the image, then both versions are kept', async () => {
    const res = await h.api(`/images/${alice.participant.photoImageId}`, { token: operator });
    const body = (await res.json()) as {
      image: { currentVersion: number };
      variants: { version: number; variant: string }[];
    };
    expect(body.image.currentVersion).toBe(2);
    const originals = (body.variants as { version: number; variant: string }[]).filter(
      (v) => v.variant === 'original',
    );
    expect(originals.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  let etag = '';
  it('when the participant polls, then the update shows, and a second poll with the ETag is 304', async () => {
    await h.settle();
    const res = await h.api('/me/updates', { token: alice.participantToken });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      updates: { imageId: string; version: number; variant: string }[];
      cursor: string;
    };
    const originals = body.updates.filter((u) => u.variant === 'original');
    expect(originals.map((u) => u.version)).toEqual([1, 2]);
    expect(body.updates.every((u) => u.imageId === alice.participant.photoImageId)).toBe(true);
    etag = res.headers.get('etag')!;
    const again = await h.api(`/me/updates?since=${body.cursor}`, {
      token: alice.participantToken,
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('when the participant fetches a one-time URL, then it gives exactly the uploaded bytes once, then 410', async () => {
    const res = await h.api(`/images/${alice.participant.photoImageId}/url`, {
      method: 'POST',
      token: alice.participantToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variant: 'original' }),
    });
    expect(res.status).toBe(201);
    const link = (await res.json()) as { url: string; version: number };
    expect(link.version).toBe(2);
    const image = await fetch(link.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('cache-control')).toBe('private, no-store');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Number(image.headers.get('content-length'))).toBe(secondShot.length);
    expect(Buffer.from(await image.arrayBuffer()).equals(secondShot)).toBe(true);
    const second = await fetch(link.url);
    expect(second.status).toBe(410);
    expect(await second.json()).toMatchObject({ error: { code: 'TOKEN.USED' } });
  });

  it('when 50 requests race for one fresh URL, then exactly one gets the image', async () => {
    const res = await h.api(`/images/${alice.participant.photoImageId}/url`, {
      method: 'POST',
      token: alice.participantToken,
    });
    const { url } = (await res.json()) as { url: string };
    const answers = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const r = await fetch(url);
        await r.arrayBuffer();
        return r.status;
      }),
    );
    expect(answers.filter((s) => s === 200)).toHaveLength(1);
    expect(answers.filter((s) => s === 410)).toHaveLength(49);
  });

  it("when a participant asks for someone else's image, then it does not exist for them", async () => {
    const res = await h.api('/participants/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Bob' }),
    });
    expect(res.status).toBe(201);
    const bob = (await res.json()) as Created;
    const peek = await h.api(`/images/${alice.participant.photoImageId}/url`, {
      method: 'POST',
      token: bob.participantToken,
    });
    expect(peek.status).toBe(404);
  });
});
