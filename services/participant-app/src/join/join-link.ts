/**
 * The join link an operator hands a participant (as a link or a QR code): the app's address with the participant
 * token in the fragment, `https://photos.example.org/#token=pt_…`. A fragment never leaves the browser, so the token
 * appears in no server's access log, proxy or Referer header.
 */
const TOKEN_PARAM = 'token';
/** The shape of a participant token (`pt_` and base64url): anything else in the fragment is not one. */
const TOKEN_SHAPE = /^pt_[A-Za-z0-9_-]{16,200}$/;

/** The join link of a participant token for the app served at `appOrigin`. */
export function joinLink(appOrigin: string, participantToken: string): string {
  return `${appOrigin.replace(/\/+$/, '')}/#${TOKEN_PARAM}=${encodeURIComponent(participantToken)}`;
}

export interface FragmentToken {
  /** The token found in the fragment, or null when there is none (or it is not shaped like one). */
  token: string | null;
  /** Whether the fragment named a token at all, valid or not: either way it must leave the address bar. */
  present: boolean;
}

/** Reads the participant token from a URL fragment (`#token=pt_…`). */
export function readFragmentToken(hash: string): FragmentToken {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has(TOKEN_PARAM)) return { token: null, present: false };
  const token = params.get(TOKEN_PARAM) ?? '';
  return { token: TOKEN_SHAPE.test(token) ? token : null, present: true };
}

/**
 * Takes the token out of the page's address: read it, then replace the history entry with the same address without
 * the fragment, so neither the address bar, a bookmark nor a shared screenshot shows it.
 */
export function takeTokenFromAddress(
  loc: Pick<Location, 'hash' | 'pathname' | 'search'> = location,
  hist: Pick<History, 'replaceState'> = history,
): FragmentToken {
  const found = readFragmentToken(loc.hash);
  if (found.present) hist.replaceState(null, '', `${loc.pathname}${loc.search}`);
  return found;
}
