import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS } from '@photo/shared/auth/jwt-verifier';
import { ROLE_PERMISSIONS } from '@photo/shared/domain/permissions';
import { BACKEND_SERVICE_ACCOUNT } from '../src/system';
import { startHarness, type Harness } from './harness';
import { createParticipant, expectError, json, ManualClock, type CreatedParticipant } from './support';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('identity and QR codes at the backend API, through real HTTP', () => {
  const clock = new ManualClock();
  let h: Harness;
  let operator: string;
  let staff: string;
  let alice: CreatedParticipant;
  let bob: CreatedParticipant;
  let issuer: string;
  let kid: string;

  beforeAll(async () => {
    h = await startHarness({ clock, env: { QR_TTL_SECONDS: '60' } });
    operator = await h.token('operator');
    staff = await h.token('staff');
    alice = await createParticipant(h, operator, 'Alice');
    bob = await createParticipant(h, operator, 'Bob');
    issuer = h.system.idp.issuer;
    kid = h.system.idp.jwks().keys[0]!.kid!;
  });
  afterAll(() => h.stop());

  /** A staff-shaped payload, so that only the property under test is wrong. */
  const staffClaims = () => ({
    permissions: ROLE_PERMISSIONS.staff,
    iss: issuer,
    aud: h.system.audience,
    sub: 'test|forger',
  });
  const listParticipants = (token: string | undefined, headers: Record<string, string> = {}) =>
    h.api('/participants', { token, headers });

  describe('access tokens', () => {
    it('when a valid staff token is presented, then the route answers', async () => {
      expect((await listParticipants(staff)).status).toBe(200);
    });

    it('when the Authorization header is missing, then 401 AUTH.UNAUTHENTICATED', async () => {
      await expectError(await listParticipants(undefined), 401, 'AUTH.UNAUTHENTICATED');
    });

    it.each([
      ['Basic', () => `Basic ${Buffer.from('operator:secret').toString('base64')}`],
      ['a bare token', () => staff],
      ['an empty Bearer', () => 'Bearer '],
      ['two tokens', () => `Bearer ${staff} ${staff}`],
      ['a token with spaces and quotes', () => 'Bearer "abc def"'],
    ])(
      'when the Authorization header is not "Bearer <token>" (%s), then 401 AUTH.UNAUTHENTICATED',
      async (_name, header) => {
        await expectError(
          await listParticipants(undefined, { authorization: header() }),
          401,
          'AUTH.UNAUTHENTICATED',
        );
      },
    );

    it.each([
      ['random text', 'not-a-jwt'],
      ['three random parts', 'abc.def.ghi'],
      ['a JWT with its signature cut off', 'CUT'],
      ['an unknown participant token', 'pt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ])('when the token is garbage (%s), then 401 AUTH.UNAUTHENTICATED', async (_name, token) => {
      const value = token === 'CUT' ? staff.split('.').slice(0, 2).join('.') : token;
      await expectError(await listParticipants(value), 401, 'AUTH.UNAUTHENTICATED');
    });

    it('when the token has expired, then 401 AUTH.TOKEN_EXPIRED', async () => {
      const expired = await h.system.idp.sign(
        { permissions: ROLE_PERMISSIONS.staff },
        'test|staff',
        h.system.audience,
        -600,
      );
      await expectError(await listParticipants(expired), 401, 'AUTH.TOKEN_EXPIRED');
    });

    it('when another issuer signed it, then 401 AUTH.UNAUTHENTICATED naming the iss claim', async () => {
      const token = await h.system.idp.sign(
        { permissions: ROLE_PERMISSIONS.staff },
        'test|staff',
        h.system.audience,
        600,
        'https://evil.example/',
      );
      const error = await expectError(await listParticipants(token), 401, 'AUTH.UNAUTHENTICATED');
      expect(error.message).toMatch(/iss/);
    });

    it('when it is for another audience, then 401 AUTH.UNAUTHENTICATED naming the aud claim', async () => {
      const token = await h.system.idp.sign(
        { permissions: ROLE_PERMISSIONS.staff },
        'test|staff',
        'https://another-api.example',
        600,
      );
      const error = await expectError(await listParticipants(token), 401, 'AUTH.UNAUTHENTICATED');
      expect(error.message).toMatch(/aud/);
    });

    it('when it is HS256, signed with a secret or with the public key (key confusion), then 401 AUTH.UNAUTHENTICATED', async () => {
      const publicJwk = JSON.stringify(h.system.idp.jwks().keys[0]);
      for (const secret of ['a-shared-secret-of-at-least-256-bits-xxxxxxxx', publicJwk]) {
        const token = await new SignJWT(staffClaims())
          .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
          .setIssuedAt()
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode(secret));
        await expectError(await listParticipants(token), 401, 'AUTH.UNAUTHENTICATED');
      }
    });

    it('when it is unsigned (alg: none), then 401 AUTH.UNAUTHENTICATED', async () => {
      const payload = { ...staffClaims(), exp: Math.floor(Date.now() / 1000) + 600 };
      for (const alg of ['none', 'None', 'NONE']) {
        const token = `${b64({ alg, typ: 'JWT', kid })}.${b64(payload)}.`;
        await expectError(await listParticipants(token), 401, 'AUTH.UNAUTHENTICATED');
      }
    });

    it("when another RSA key signed it under the provider's key id, then 401 AUTH.UNAUTHENTICATED", async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT(staffClaims())
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
      await expectError(await listParticipants(token), 401, 'AUTH.UNAUTHENTICATED');
    });

    it("when a valid token's payload is edited to add permissions, then 401 AUTH.UNAUTHENTICATED", async () => {
      const [header, payload, signature] = staff.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const edited = `${header}.${b64({ ...claims, permissions: ROLE_PERMISSIONS.operator })}.${signature}`;
      await expectError(
        await h.api('/participants', { method: 'POST', token: edited, ...json({ displayName: 'X' }) }),
        401,
        'AUTH.UNAUTHENTICATED',
      );
    });
  });

  describe('token serialization and issue time', () => {
    const signature = (token: string, alter: (sig: string) => string) => {
      const [header, payload, sig] = token.split('.') as [string, string, string];
      return `${header}.${payload}.${alter(sig)}`;
    };
    /** The signature's last character with its spare low bits changed: the same bytes, another spelling. */
    const respelled = (token: string) => {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = alphabet[alphabet.indexOf(token.at(-1)!) ^ 1]!;
      return `${token.slice(0, -1)}${last}`;
    };

    it.each([
      ['"==" appended', (t: string) => `${t}==`],
      ['"=" appended', (t: string) => `${t}=`],
      [
        'standard base64 characters in the signature',
        (t: string) => signature(t, (s) => s.replace(/-/g, '+').replace(/_/g, '/')),
      ],
      ['the signature re-spelled with other spare bits', respelled],
    ])(
      'when a genuine token is altered in its encoding only (%s), then 401 AUTH.UNAUTHENTICATED',
      async (_name, alter) => {
        // A fresh token until its signature holds the characters the case alters (almost always the first one).
        let token = staff;
        while (!/[-_]/.test(token.split('.')[2]!)) token = await h.token('staff');
        const altered = alter(token);
        expect(altered).not.toBe(token);
        expect(Buffer.from(altered.split('.')[2]!, 'base64url')).toEqual(
          Buffer.from(token.split('.')[2]!, 'base64url'),
        );
        await expectError(await listParticipants(altered), 401, 'AUTH.UNAUTHENTICATED');
      },
    );

    it('when a service ID token has "==" appended, then the image server answers 401 AUTH.UNAUTHENTICATED', async () => {
      const token = await h.system.idp.serviceToken({
        email: BACKEND_SERVICE_ACCOUNT,
        audience: h.system.urls.imageServer,
      });
      const links = (bearer: string) =>
        fetch(`${h.system.urls.imageServer}/internal/images/img_00000000000000000000/links`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: '{}',
        });
      expect((await links(token)).status).not.toBe(401);
      await expectError(await links(`${token}==`), 401, 'AUTH.UNAUTHENTICATED');
    });

    it(`when iat is more than the ${DEFAULT_CLOCK_TOLERANCE_SECONDS} s tolerance in the future, then 401 naming the iat claim; within it, accepted`, async () => {
      const now = Math.floor(Date.now() / 1000);
      const at = (iat: number) =>
        h.system.idp.sign({ permissions: ROLE_PERMISSIONS.staff, iat }, 'test|staff', h.system.audience, 600);
      const future = await expectError(
        await listParticipants(await at(now + 120)),
        401,
        'AUTH.UNAUTHENTICATED',
      );
      expect(future.message).toMatch(/iat/);
      await expectError(
        await listParticipants(await at(now + DEFAULT_CLOCK_TOLERANCE_SECONDS + 3)),
        401,
        'AUTH.UNAUTHENTICATED',
      );
      expect((await listParticipants(await at(now + 2))).status).toBe(200);
    });
  });

  describe('permissions', () => {
    it('when staff call operator-only routes, then 403 AUTH.FORBIDDEN and nothing is created', async () => {
      await expectError(
        await h.api('/participants', { method: 'POST', token: staff, ...json({ displayName: 'Sneaky' }) }),
        403,
        'AUTH.FORBIDDEN',
      );
      const csv = {
        method: 'POST',
        token: staff,
        headers: { 'content-type': 'text/csv' },
        body: 'displayName\nSneaky\n',
      };
      await expectError(await h.api('/participants/import', csv), 403, 'AUTH.FORBIDDEN');
      await expectError(await h.api('/admin/dead-letters', { token: staff }), 403, 'AUTH.FORBIDDEN');
      const list = (await (await listParticipants(operator)).json()) as { items: { displayName: string }[] };
      expect(list.items.map((p) => p.displayName)).not.toContain('Sneaky');
    });

    it('when a valid token carries no permissions, then 403 AUTH.FORBIDDEN', async () => {
      const bare = await h.system.idp.sign({}, 'test|nobody', h.system.audience, 600);
      await expectError(await listParticipants(bare), 403, 'AUTH.FORBIDDEN');
    });

    it('when a participant calls staff routes, then 403 AUTH.FORBIDDEN', async () => {
      const token = alice.participantToken;
      await expectError(await listParticipants(token), 403, 'AUTH.FORBIDDEN');
      await expectError(
        await h.api('/checkin', { method: 'POST', token, ...json({ qr: alice.qrPayload }) }),
        403,
        'AUTH.FORBIDDEN',
      );
      await expectError(
        await h.api(`/participants/${alice.participant.visitorId}/qr`, { token }),
        403,
        'AUTH.FORBIDDEN',
      );
      const upload = await h.api(`/participants/${alice.participant.visitorId}/photo`, {
        method: 'PUT',
        token,
        headers: { 'content-type': 'image/jpeg' },
        body: 'x',
      });
      await expectError(upload, 403, 'AUTH.FORBIDDEN');
    });

    it('when staff call a participant route, then 403 AUTH.FORBIDDEN', async () => {
      await expectError(await h.api('/me', { token: staff }), 403, 'AUTH.FORBIDDEN');
      await expectError(await h.api('/me/updates', { token: operator }), 403, 'AUTH.FORBIDDEN');
    });
  });

  describe('QR codes at check-in', () => {
    const checkIn = (qr: string) => h.api('/checkin', { method: 'POST', token: staff, ...json({ qr }) });
    const withPart = (payload: string, index: number, value: string) => {
      const parts = payload.split('.');
      parts[index] = value;
      return parts.join('.');
    };

    it('when a genuine QR code is scanned, then check-in names its participant', async () => {
      const res = await checkIn(alice.qrPayload);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ participant: { visitorId: alice.participant.visitorId } });
    });

    it('when one character of the MAC is changed, then 400 QR.INVALID', async () => {
      const mac = alice.qrPayload.split('.')[3]!;
      const flipped = `${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
      await expectError(await checkIn(withPart(alice.qrPayload, 3, flipped)), 400, 'QR.INVALID');
      const lastFlipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
      await expectError(await checkIn(withPart(alice.qrPayload, 3, lastFlipped)), 400, 'QR.INVALID');
    });

    it("when the visitor id is swapped for another participant's, then 400 QR.INVALID", async () => {
      await expectError(
        await checkIn(withPart(alice.qrPayload, 1, bob.participant.visitorId)),
        400,
        'QR.INVALID',
      );
    });

    it.each([
      ['plain text', 'hello'],
      ['a URL', 'https://example.com/?qr=PQR1'],
      ['a path traversal id', withPart('PQR1.v_x.abc.mac', 1, '..%2F..%2Fetc')],
      ['a participant token', 'pt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ])('when the QR code is malformed (%s), then 400 QR.INVALID', async (_name, qr) => {
      await expectError(await checkIn(qr), 400, 'QR.INVALID');
    });

    it('when the QR payload is empty or absurdly long, then 400 REQUEST.INVALID', async () => {
      await expectError(await checkIn(''), 400, 'REQUEST.INVALID');
      await expectError(await checkIn(`${alice.qrPayload}${'A'.repeat(600)}`), 400, 'REQUEST.INVALID');
    });

    it('when the QR TTL has passed, then 400 QR.EXPIRED, and a reprinted code works', async () => {
      const printed = await h.api(`/participants/${bob.participant.visitorId}/qr`, { token: staff });
      const { qrPayload } = (await printed.json()) as { qrPayload: string };
      expect((await checkIn(qrPayload)).status).toBe(200);

      clock.advance(61);
      await expectError(await checkIn(qrPayload), 400, 'QR.EXPIRED');
      await expectError(
        await checkIn(withPart(qrPayload, 1, alice.participant.visitorId)),
        400,
        'QR.INVALID',
      );

      const reprint = await h.api(`/participants/${bob.participant.visitorId}/qr`, { token: staff });
      const fresh = (await reprint.json()) as { qrPayload: string };
      expect((await checkIn(fresh.qrPayload)).status).toBe(200);
    });
  });
});
