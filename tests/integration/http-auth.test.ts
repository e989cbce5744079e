import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../src/main/host/server';
import { openTestApp, tempDir, type TestApp } from '../helpers/tempApp';

let app: TestApp;
let server: http.Server & { port: number };
let base: string;
const secret = 'Xq3v9-known-secret-for-this-test-file-only_0123456789';

beforeAll(async () => {
  app = openTestApp();
  const dir = tempDir('liaison-static-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>the app</title>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  server = await startHost({ handlers: app.handlers, port: 0, changes: app.ctx.feed, secret, staticDir: dir });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => {
  server.close();
  app.close();
});

const list = (headers: Record<string, string> = {}) =>
  fetch(`${base}/api/offices.list`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

async function eventsStatus(headers: Record<string, string> = {}): Promise<number> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers, signal: controller.signal });
  controller.abort();
  return res.status;
}

describe('browser mode answers only a caller that shows this launch’s secret', () => {
  it('refuses the API without it with 401 and words saying to open the printed link, even from its own origin', async () => {
    const variants: Record<string, string>[] = [{}, { origin: base }, { origin: base, 'sec-fetch-site': 'same-origin' }];
    for (const headers of variants) {
      const res = await list(headers);
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unauthorized');
      expect(body.error.message).toMatch(/^Open the link Liaison CRM printed when it started/);
      expect(await eventsStatus(headers)).toBe(401);
    }
    // Whatever it refused, nothing was written or read: one office made by a signed-in call is all there is.
    expect((await fetch(`${base}/api/offices.create`, { method: 'POST', body: JSON.stringify({ name: 'Sneaky' }) })).status).toBe(401);
    expect(app.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM offices').get()).toEqual({ n: 0 });
  });

  it('refuses a wrong secret in the cookie, as a Bearer token, in the link, or this secret in another port’s cookie', async () => {
    expect((await list({ cookie: `liaison_${server.port}=${secret}x` })).status).toBe(401);
    expect((await list({ cookie: `liaison_${server.port}=${secret.slice(0, -1)}` })).status).toBe(401);
    expect((await list({ cookie: `liaison_${server.port + 1}=${secret}` })).status).toBe(401);
    expect((await list({ authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await list({ authorization: `Basic ${secret}` })).status).toBe(401);
    const link = await fetch(`${base}/?token=wrong`, { redirect: 'manual' });
    expect(link.status).toBe(401);
    expect(link.headers.get('set-cookie')).toBeNull();
    expect(await link.text()).toContain('Open the link Liaison CRM printed');
  });

  it('trades the printed link for an HttpOnly SameSite=Strict cookie named for its port, then sends the browser on without the token', async () => {
    const res = await fetch(`${base}/?token=${secret}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^liaison_${server.port}=`));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    const sent = cookie.split(';')[0]!;
    // The cookie, as the browser sends it back, now opens the API, the change stream and the page.
    expect((await list({ cookie: `other=1; ${sent}` })).status).toBe(200);
    expect(await eventsStatus({ cookie: sent })).toBe(200);
    const page = await fetch(`${base}/`, { headers: { cookie: sent } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>the app</title>');
    // A link to another page keeps its path and its other parameters, only the token goes.
    const deep = await fetch(`${base}/import?x=1&token=${secret}`, { redirect: 'manual' });
    expect([deep.status, deep.headers.get('location')]).toEqual([302, '/import?x=1']);
    // Never on to another site, however the path is spelled (sent as is: fetch would tidy it).
    for (const spelled of ['/.//evil.example/', '//evil.example/']) {
      const location = await new Promise<string | undefined>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port: server.port, path: `${spelled}?token=${secret}` }, (r) => resolve(r.headers.location)).on('error', reject);
      });
      expect(location).toMatch(/^\/(?!\/)/);
    }
  });

  it('accepts the secret as a Bearer token, for scripts', async () => {
    const res = await fetch(`${base}/api/offices.create`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: JSON.stringify({ name: 'By script' }) });
    expect(res.status).toBe(200);
    expect(await eventsStatus({ authorization: `bearer ${secret}` })).toBe(200);
  });

  it('answers the page without the cookie with a plain 401 page in words, and serves scripts and styles (no data) without it', async () => {
    const page = await fetch(`${base}/#/offices`);
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await page.text();
    expect(text).toContain('Open the link Liaison CRM printed when it started');
    // The example link names the port this launch really serves on.
    expect(text).toContain(`http://127.0.0.1:${new URL(base).port}/?token=…`);
    expect(text).not.toContain('the app</title>');
    expect((await fetch(`${base}/some/route`)).status).toBe(401);
    const asset = await fetch(`${base}/assets/app.js`);
    expect([asset.status, await asset.text()]).toEqual([200, 'console.log(1)']);
  });

  it('says nosniff on every answer: page, asset, API, refusal, redirect', async () => {
    const answers = [
      await fetch(`${base}/`),
      await fetch(`${base}/assets/app.js`),
      await list({ authorization: `Bearer ${secret}` }),
      await list(),
      await list({ origin: 'https://evil.example', authorization: `Bearer ${secret}` }),
      await fetch(`${base}/?token=${secret}`, { redirect: 'manual' }),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 200, 200, 401, 403, 302]);
    for (const r of answers) expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a request with two Host headers with 400', async () => {
    const send = (hosts: string[]) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(server.port, '127.0.0.1', () => {
          socket.write(
            `POST /api/offices.list HTTP/1.1\r\n${hosts.map((h) => `Host: ${h}\r\n`).join('')}Authorization: Bearer ${secret}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
          );
        });
        let reply = '';
        socket.on('data', (d: Buffer) => (reply += d.toString()));
        socket.on('end', () => resolve(reply.split('\r\n')[0]!));
        socket.on('error', reject);
      });
    // The same request with one Host header is answered, so it is the second header that is refused.
    expect(await send([`127.0.0.1:${server.port}`])).toBe('HTTP/1.1 200 OK');
    expect(await send([`127.0.0.1:${server.port}`, 'evil.example'])).toBe('HTTP/1.1 400 Bad Request');
    expect(await send([`127.0.0.1:${server.port}`, `127.0.0.1:${server.port}`])).toBe('HTTP/1.1 400 Bad Request');
  });
});
