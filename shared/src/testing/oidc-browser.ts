import { createHash, randomBytes } from 'node:crypto';

/**
 * What auth0-spa-js 2.x and a browser do against an OIDC provider, over real HTTP: the /authorize URL it builds
 * (PKCE S256, state, nonce, response_mode=query, its auth0Client parameter), the login page's form posted with the
 * provider's cookie, and the form-encoded token requests with its Auth0-Client header and the app's Origin.
 */
export class OidcBrowser {
  /** The provider's cookies, as the browser keeps them (name → value). */
  readonly cookies = new Map<string, string>();

  constructor(
    readonly issuer: string,
    readonly app: { clientId: string; redirectUri: string; audience: string; origin: string },
  ) {}

  /** A login transaction as the library stores it before redirecting. */
  transaction(overrides: Record<string, string | undefined> = {}) {
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(16).toString('base64url');
    const nonce = randomBytes(16).toString('base64url');
    const params: Record<string, string | undefined> = {
      client_id: this.app.clientId,
      audience: this.app.audience,
      redirect_uri: this.app.redirectUri,
      scope: 'openid profile email offline_access',
      response_type: 'code',
      response_mode: 'query',
      state,
      nonce,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      auth0Client: Buffer.from(JSON.stringify({ name: 'auth0-spa-js', version: '2.0.0' })).toString('base64'),
      ...overrides,
    };
    const url = new URL('authorize', this.issuer);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
    return { url: url.toString(), verifier, state, nonce };
  }

  /** A top-level navigation: no redirect followed, cookies sent and kept. */
  async navigate(url: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(url, { redirect: 'manual', headers: { ...this.cookieHeader(), ...headers } });
    this.keepCookies(res);
    return res;
  }

  /** Submits the login page's form as the browser would (same-origin POST, Origin header, cookies). */
  async submitLogin(
    page: string,
    fields: { user?: string; passcode: string },
    origin?: string,
  ): Promise<Response> {
    const tx = /name="tx" value="([^"]+)"/.exec(page)?.[1];
    if (!tx) throw new Error('the page has no login form');
    const body = new URLSearchParams({ tx: tx.replace(/&amp;/g, '&'), passcode: fields.passcode });
    if (fields.user !== undefined) body.set('user', fields.user);
    const res = await fetch(new URL('authorize', this.issuer), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
        origin: origin ?? new URL(this.issuer).origin,
      },
      body,
    });
    this.keepCookies(res);
    return res;
  }

  /** authorize → login page → passcode → the redirect back to the app, whose query is returned. */
  async logIn(user: string, passcode: string, overrides: Record<string, string | undefined> = {}) {
    const tx = this.transaction(overrides);
    const page = await this.navigate(tx.url);
    if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${await page.text()}`);
    const back = await this.submitLogin(await page.text(), { user, passcode });
    if (back.status !== 303) throw new Error(`login answered ${back.status}: ${await back.text()}`);
    const callback = new URL(back.headers.get('location')!);
    return {
      tx,
      callback,
      code: callback.searchParams.get('code'),
      state: callback.searchParams.get('state'),
    };
  }

  /** POST /oauth/token, form-encoded as auth0-spa-js sends it by default (`useFormData: true`). */
  token(params: Record<string, string>, contentType: 'form' | 'json' = 'form'): Promise<Response> {
    const form = contentType === 'form';
    return fetch(new URL('oauth/token', this.issuer), {
      method: 'POST',
      headers: {
        'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
        'auth0-client': Buffer.from('{"name":"auth0-spa-js","version":"2.0.0"}').toString('base64'),
        origin: this.app.origin,
      },
      body: form ? new URLSearchParams(params).toString() : JSON.stringify(params),
    });
  }

  exchange(code: string, verifier: string, extra: Record<string, string> = {}): Promise<Response> {
    return this.token({
      client_id: this.app.clientId,
      code_verifier: verifier,
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.app.redirectUri,
      ...extra,
    });
  }

  refresh(refreshToken: string): Promise<Response> {
    return this.token({
      client_id: this.app.clientId,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      redirect_uri: this.app.redirectUri,
    });
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  private keepCookies(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** The claims of a JWT, unverified (the tests verify through the backend or with jose). */
export const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
