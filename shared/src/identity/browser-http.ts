import type { Request, Response } from 'express';
import { randomToken } from '../security/hashing';
import { errorPage, type Lang } from './login-page';

/** One cookie of the request (Express 5 parses none); null when absent or malformed. */
export function readCookie(req: Request, name: string): string | null {
  for (const pair of (req.get('cookie') ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim() || null;
  }
  return null;
}

/**
 * Sends a page of the provider with a strict Content-Security-Policy: nothing loads from anywhere, the one inline
 * style carries a nonce, the page cannot be framed (clickjacking a passcode form), and the form may post only here
 * and, through the redirect that follows it, to the app's callback origin (Chromium applies form-action to redirects).
 */
export function sendPage(
  res: Response,
  status: number,
  render: (styleNonce: string) => string,
  formTarget: string | null = null,
): void {
  const nonce = randomToken(128);
  const formAction = formTarget ? `'self' ${new URL(formTarget).origin}` : `'self'`;
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
      'X-Content-Type-Options': 'nosniff',
      // Not no-referrer: under it a browser sends `Origin: null` with the form's POST, which the origin check refuses.
      // same-origin still keeps the page's URL from every other site, the app included.
      'Referrer-Policy': 'same-origin',
    })
    .send(render(nonce));
}

export function sendErrorPage(res: Response, status: number, lang: Lang, reason: string): void {
  sendPage(res, status, (nonce) => errorPage(lang, reason, nonce));
}

/** A 303 to `target` with `params` added to its query (RFC 6749 response_mode=query). */
export function redirectWith(
  res: Response,
  target: string,
  params: Record<string, string | undefined>,
): void {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  res.set('Cache-Control', 'no-store').redirect(303, url.toString());
}

/** The origin this request was addressed to, as the browser names it in an Origin header. */
export const ownOrigin = (req: Request): string => `${req.protocol}://${req.get('host') ?? ''}`;
