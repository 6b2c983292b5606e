import type { Request, Response } from 'express';
import { z } from 'zod';
import { randomToken } from '../security/hashing';
import { readCookie } from './browser-http';
import { seal, unseal } from './sealed-values';

const COOKIE = 'dev_idp_session';
/** The browser id lives a month; the login in it lasts a working day (an event day), after which the page asks again. */
const BROWSER_TTL_MS = 30 * 24 * 3600_000;
export const LOGIN_TTL_MS = 12 * 3600_000;

const sessionSchema = z.object({
  /** This browser: binds login forms to it (CSRF) and names the refresh tokens its logins started. */
  sid: z.string().min(16),
  login: z.object({ userId: z.string(), authTime: z.number(), until: z.number() }).nullable(),
});
export type LoginSession = z.infer<typeof sessionSchema>;

/**
 * The provider's one cookie, sealed: HttpOnly, SameSite=Lax (sent on the app's top-level navigations to /authorize
 * and /v2/logout, never on another site's POST), over plain http because the provider runs on a LAN address.
 */
export class LoginSessions {
  constructor(
    private readonly key: string,
    private readonly now: () => number,
  ) {}

  read(req: Request): LoginSession | null {
    return unseal(this.key, 'session', readCookie(req, COOKIE) ?? undefined, sessionSchema, this.now());
  }

  /** The current session, or a new anonymous one written to the response. */
  ensure(req: Request, res: Response): LoginSession {
    const current = this.read(req);
    if (current) return current;
    const fresh: LoginSession = { sid: randomToken(128), login: null };
    this.write(res, fresh);
    return fresh;
  }

  /** The user logged in now; null when nobody is (or the login is older than a working day). */
  activeLogin(session: LoginSession | null): LoginSession['login'] {
    return session?.login && session.login.until > this.now() ? session.login : null;
  }

  logIn(res: Response, session: LoginSession, userId: string): NonNullable<LoginSession['login']> {
    const now = this.now();
    const login = { userId, authTime: Math.floor(now / 1000), until: now + LOGIN_TTL_MS };
    this.write(res, { sid: session.sid, login });
    return login;
  }

  logOut(res: Response, session: LoginSession): void {
    this.write(res, { sid: session.sid, login: null });
  }

  private write(res: Response, session: LoginSession): void {
    const value = seal(this.key, 'session', session, this.now() + BROWSER_TTL_MS);
    res.append(
      'Set-Cookie',
      `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${BROWSER_TTL_MS / 1000}`,
    );
  }
}
