import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Handlers } from '../api';
import { forScreens } from '../../shared/api/changes';
import type { ChangeFeed } from '../db/changeFeed';
import { dispatch } from '../dispatch';
import { AppError } from '../../shared/errors';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { isSignedIn, NOT_SIGNED_IN_MESSAGE, notSignedInPage, sameSecret, signInCookie } from './auth';

const MAX_BODY_BYTES = 70 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HostOptions {
  handlers: Handlers;
  /** committed changes to stream to open pages (GET /api/events); absent: no stream */
  changes?: Pick<ChangeFeed, 'subscribe'>;
  /** the built renderer (out/renderer); without it only the API is served */
  staticDir?: string;
  port: number;
  /** made per launch (auth.ts newSecret); required on every API call, in the cookie or as a Bearer token */
  secret: string;
  /** takes a file to import as a raw body (POST /api/imports.upload?name=…), streamed to disk; absent: no uploads */
  upload?: (name: string, body: AsyncIterable<Uint8Array>) => Promise<unknown>;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/**
 * Node keeps only the first of two Host headers in req.headers, while a proxy in front might
 * route on the other: a request with two is refused outright.
 */
function hostHeaderCount(req: http.IncomingMessage): number {
  return req.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === 'host').length;
}

/** Loopback only, and only for pages this server itself served (no DNS rebinding, no other sites). */
function trustedRequest(req: http.IncomingMessage, port: number): boolean {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowed.includes(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  return origin === undefined || allowed.some((a) => origin === `http://${a}`);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, handlers: Handlers, method: string): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, { error: { code: 'invalid_input', message: 'Use POST with a JSON body.' } });
  let input: unknown;
  try {
    const body = await readBody(req);
    input = body.trim() === '' ? {} : JSON.parse(body);
  } catch (e) {
    const tooLarge = (e as Error).message === 'too large';
    return send(res, tooLarge ? 413 : 400, {
      error: { code: 'invalid_input', message: tooLarge ? 'The request is larger than 70 MB.' : 'The request body is not valid JSON.' },
    });
  }
  const result = await dispatch(handlers, method, input);
  if (result.ok) return send(res, 200, result.value);
  const status = { invalid_input: 400, unknown_method: 404, not_found: 404, conflict: 409, busy: 409, unavailable: 503, unauthorized: 401, internal: 500 }[result.error.code];
  send(res, status, { error: result.error });
}

function sendNotSignedIn(req: http.IncomingMessage, res: http.ServerResponse, port: number): void {
  res.writeHead(401, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'",
    'cache-control': 'no-store',
    'www-authenticate': 'Bearer realm="Liaison CRM"',
  });
  res.end(req.method === 'HEAD' ? undefined : notSignedInPage(port));
}

/**
 * The printed link (`/?token=…`): the right secret becomes a cookie and the browser is sent on to
 * the same address without it, so the token leaves the address bar and the history.
 */
function signIn(req: http.IncomingMessage, res: http.ServerResponse, url: URL, port: number, secret: string): void {
  if (!sameSecret(url.searchParams.get('token') ?? '', secret)) return sendNotSignedIn(req, res, port);
  url.searchParams.delete('token');
  // One leading slash: `//host` would be read as another site.
  res.writeHead(302, { location: url.pathname.replace(/^\/+/, '/') + url.search, 'set-cookie': signInCookie(port, secret), 'cache-control': 'no-store' });
  res.end();
}

/** The page holds the app (and asks for data), so it needs the cookie; scripts, styles and images hold no data and load without it. */
function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, dir: string, signedIn: boolean, port: number): void {
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
    return;
  }
  const root = path.resolve(dir);
  let file = path.resolve(root, `.${path.sep}${urlPath}`);
  // Inside the folder itself, never a sibling that merely starts with the same name.
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dir, 'index.html');
  const ext = path.extname(file);
  if (ext === '.html' && !signedIn) return sendNotSignedIn(req, res, port);
  const headers: http.OutgoingHttpHeaders = { 'content-type': TYPES[ext] ?? 'application/octet-stream' };
  if (ext === '.html') {
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['cache-control'] = 'no-store';
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).pipe(res);
}

/** Keeps idle proxies and the browser from dropping a quiet stream. */
const HEARTBEAT_MS = 25_000;

/**
 * One server-sent-event stream per open page: each committed change batch as one `data:` line.
 * The browser's EventSource reconnects by itself; the page refetches what it shows when it does.
 */
function streamChanges(req: http.IncomingMessage, res: http.ServerResponse, feed: Pick<ChangeFeed, 'subscribe'>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = feed.subscribe((batch) => res.write(`data: ${JSON.stringify(forScreens(batch))}\n\n`));
  const beat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  req.on('close', () => {
    clearInterval(beat);
    unsubscribe();
  });
}

/**
 * A file to import, as the request body itself (not JSON: a 60 MB spreadsheet as a JSON string
 * would be held several times over), streamed to a file in the data folder.
 */
async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, upload: NonNullable<HostOptions['upload']>, url: URL): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, { error: { code: 'invalid_input', message: 'Use POST with the file as the body.' } });
  try {
    send(res, 200, await upload(url.searchParams.get('name') ?? 'file', req));
  } catch (e) {
    const body = e instanceof AppError ? e.toBody() : { code: 'internal', message: 'The file could not be saved for the import.' };
    if (!(e instanceof AppError)) console.error('[host] upload failed:', e);
    // The rest of a refused body is not read: close the connection rather than drain gigabytes.
    res.setHeader('connection', 'close');
    send(res, e instanceof AppError && e.code === 'unavailable' ? 503 : e instanceof AppError ? 400 : 500, { error: body });
  }
}

/** Serves the handler map as POST /api/<method>, the change stream and the built renderer, on 127.0.0.1 only. */
export function startHost({ handlers, staticDir, port, changes, secret, upload }: HostOptions): Promise<http.Server & { port: number }> {
  const server = http.createServer((req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    const actualPort = (server.address() as { port: number }).port;
    if (hostHeaderCount(req) > 1) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request: more than one Host header');
      return;
    }
    if (!trustedRequest(req, actualPort)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
      return;
    }
    const url = req.url ?? '/';
    const signedIn = isSignedIn(req, actualPort, secret);
    // Whatever the Origin: a page this server served is not the only thing that can send one.
    if (url.startsWith('/api/') && !signedIn) {
      res.setHeader('www-authenticate', 'Bearer realm="Liaison CRM"');
      return send(res, 401, { error: { code: 'unauthorized', message: NOT_SIGNED_IN_MESSAGE } });
    }
    if (url === '/api/events' && req.method === 'GET' && changes) return streamChanges(req, res, changes);
    if (upload && url.startsWith('/api/imports.upload?')) {
      handleUpload(req, res, upload, new URL(url, 'http://x')).catch((e: unknown) => console.error('[host]', e));
      return;
    }
    if (url.startsWith('/api/')) {
      handleApi(req, res, handlers, url.slice('/api/'.length).split('?')[0]!).catch((e: unknown) => {
        console.error('[host]', e);
        if (!res.headersSent) send(res, 500, { error: { code: 'internal', message: 'Something went wrong on our side.' } });
      });
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const parsed = URL.canParse(url, 'http://x') ? new URL(url, 'http://x') : null;
      if (parsed?.searchParams.has('token')) return signIn(req, res, parsed, actualPort, secret);
      if (staticDir) return serveStatic(req, res, staticDir, signedIn, actualPort);
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const s = server as http.Server & { port: number };
      s.port = (server.address() as { port: number }).port;
      resolve(s);
    });
  });
}
