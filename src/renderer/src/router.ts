import { useEffect, useState } from 'react';

export type Route = { page: 'offices' } | { page: 'office'; id: string } | { page: 'import' };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'offices' && parts[1]) return { page: 'office', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'import') return { page: 'import' };
  return { page: 'offices' };
}

export const hrefFor = (r: Route): string =>
  r.page === 'office' ? `#/offices/${encodeURIComponent(r.id)}` : r.page === 'import' ? '#/import' : '#/offices';

export function navigate(r: Route): void {
  window.location.hash = hrefFor(r);
}

/** Hash routes: the back button and the keyboard work, and no server routing is needed. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
