import { useEffect, useState } from 'preact/hooks';

/** The console's place, kept in the URL's hash (`#badges?one=v_…`), so a reload or a bookmark opens the same screen. */
export interface HashRoute {
  section: string;
  params: URLSearchParams;
}

export function readHash(hash: string): HashRoute {
  const [section = '', query = ''] = hash.replace(/^#/, '').split('?');
  return { section, params: new URLSearchParams(query) };
}

export function hashFor(section: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `#${section}${query ? `?${query}` : ''}`;
}

export function useHashRoute(): HashRoute {
  const [route, setRoute] = useState(() => readHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(readHash(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
