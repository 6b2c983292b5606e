import { describe, expect, it, vi } from 'vitest';
import { joinLink, readFragmentToken, takeTokenFromAddress } from './join-link';

const TOKEN = 'pt_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_';

describe('join link', () => {
  it('when made for a token, then reading its fragment gives the token back', () => {
    const link = new URL(joinLink('http://127.0.0.1:8085/', TOKEN));
    expect(link.pathname).toBe('/');
    expect(link.search).toBe('');
    expect(readFragmentToken(link.hash)).toEqual({ token: TOKEN, present: true });
  });

  it('when the fragment holds something not shaped like a token, then it is present but no token', () => {
    expect(readFragmentToken('#token=abc')).toEqual({ token: null, present: true });
    expect(readFragmentToken('#outbox')).toEqual({ token: null, present: false });
    expect(readFragmentToken('')).toEqual({ token: null, present: false });
  });

  it('when the address holds a token, then it is taken out of the address with the path and query kept', () => {
    const replaceState = vi.fn();
    const found = takeTokenFromAddress(
      { hash: `#token=${TOKEN}`, pathname: '/photos', search: '?lang=en' },
      { replaceState },
    );
    expect(found.token).toBe(TOKEN);
    expect(replaceState).toHaveBeenCalledWith(null, '', '/photos?lang=en');
  });

  it('when the address holds no token, then the history is left alone', () => {
    const replaceState = vi.fn();
    takeTokenFromAddress({ hash: '#inbox', pathname: '/', search: '' }, { replaceState });
    expect(replaceState).not.toHaveBeenCalled();
  });
});
