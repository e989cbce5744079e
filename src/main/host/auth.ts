import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

/**
 * Browser mode's secret. 127.0.0.1 is reachable by every process and every user on the machine,
 * so the API answers only a caller that shows the secret made at launch: the printed link carries
 * it once, the server trades it for a cookie, and scripts send it as a Bearer token.
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookies are not scoped by port, and two instances may run on one host name: one name per port. */
export const cookieName = (port: number): string => `liaison_${port}`;

/** The link a user opens: it signs the browser in, then the token leaves the address bar. */
export const signInLink = (port: number, secret: string): string => `http://127.0.0.1:${port}/?token=${secret}`;

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function sameSecret(given: string, secret: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

function cookieValues(req: http.IncomingMessage, name: string): string[] {
  const header = req.headers.cookie;
  if (!header) return [];
  const found: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) found.push(part.slice(eq + 1).trim());
  }
  return found;
}

/** The request carries the secret, in this port's cookie or as `Authorization: Bearer <secret>`. */
export function isSignedIn(req: http.IncomingMessage, port: number, secret: string): boolean {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  const given = [...cookieValues(req, cookieName(port)), ...(bearer ? [bearer] : [])];
  // Every candidate is compared, so the time taken does not say which one matched.
  return given.map((g) => sameSecret(g, secret)).includes(true);
}

/** Session cookie: the secret changes every launch, so keeping it past the browser is useless. */
export function signInCookie(port: number, secret: string): string {
  return `${cookieName(port)}=${secret}; Path=/; HttpOnly; SameSite=Strict`;
}

export const NOT_SIGNED_IN_MESSAGE =
  'Open the link Liaison CRM printed when it started (http://127.0.0.1:…/?token=…): this browser has not been given the key it prints, or the app has been restarted with a new one since. Scripts send it as Authorization: Bearer <key>.';

/** What a browser gets for a page without the cookie: words, no data, no script. */
export const notSignedInPage = (port: number): string => `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Liaison CRM: open the link it printed</title>
<h1>Open the link Liaison CRM printed</h1>
<p>Open the link Liaison CRM printed when it started. It looks like
<code>http://127.0.0.1:${port}/?token=…</code> and is in the terminal where you ran
<code>npm run web</code> (or <code>npm start</code>).</p>
<p>The key in that link changes every time the app starts, so other programs and other users on
this computer cannot read your data. Started it again since? Use the newest link.</p>
</html>
`;
