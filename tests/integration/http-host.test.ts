import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startHost } from '../../src/main/host/server';
import { openTestApp, type TestApp } from '../helpers/tempApp';

let app: TestApp;
let server: http.Server & { port: number };
let base: string;
const secret = 'a-known-secret-for-these-tests-only-0123456789';
/** Signed in as scripts are; the cookie and what happens without it are in http-auth.test.ts. */
const auth = { authorization: `Bearer ${secret}` };

beforeAll(async () => {
  app = openTestApp();
  server = await startHost({ handlers: app.handlers, port: 0, changes: app.ctx.feed, secret, upload: (name, body) => app.files.receive(body, name) });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => {
  server.close();
  app.close();
});

const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('browser-mode API host', () => {
  it('serves every contract method as POST /api/<method> with JSON in and out', async () => {
    const created = await post('offices.create', { name: 'Over HTTP', phone: '937 555 0101' });
    expect(created.status).toBe(200);
    const office = (await created.json()) as { id: string; phone: string };
    expect(office.phone).toBe('(937) 555-0101');
    const list = await (await post('offices.list', { search: 'over' })).json();
    expect(list).toMatchObject({ total: 1, rows: [{ id: office.id }] });
  });

  it('answers invalid input with 400 and {error:{code,message,issues}}, never a stack trace', async () => {
    const r = await post('offices.create', { name: '', npi: '123' });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: { code: string; message: string; issues: { path: string[]; message: string }[] } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toBe('name: Name is required');
    expect(body.error.issues.map((i) => i.path.join('.'))).toEqual(['name', 'npi']);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers malformed JSON, unknown methods and missing records clearly', async () => {
    const bad = await post('offices.list', '{not json');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
    const unknown = await post('offices.explode', {});
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_method');
    const missing = await post('offices.get', { id: '01890000-0000-7000-8000-000000000000' });
    expect(missing.status).toBe(404);
  });

  it('refuses requests from other sites and other host names', async () => {
    expect((await post('offices.list', {}, { origin: 'https://evil.example' })).status).toBe(403);
    const rebound = await new Promise<number>((resolve) => {
      http.request(`${base}/api/offices.list`, { method: 'POST', headers: { host: 'evil.example', ...auth } }, (res) => resolve(res.statusCode ?? 0)).end('{}');
    });
    expect(rebound).toBe(403);
  });

  it('serves the app page with a strict Content-Security-Policy', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-static-'));
    // Removed with its sibling after the test, as every temp folder a test makes.
    onTestFinished(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(`${dir}-sibling`, { recursive: true, force: true });
    });
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
    const withPage = await startHost({ handlers: app.handlers, port: 0, staticDir: dir, secret });
    try {
      const res = await fetch(`http://127.0.0.1:${withPage.port}/#/offices`, { headers: auth });
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'/);
      expect(await res.text()).toContain('<title>x</title>');
      // Link checkers and proxies ask with HEAD first.
      const head = await fetch(`http://127.0.0.1:${withPage.port}/index.html`, { method: 'HEAD', headers: auth });
      expect([head.status, head.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      // A path outside the folder, or in a sibling folder named like it, is never served.
      fs.mkdirSync(`${dir}-sibling`);
      fs.writeFileSync(`${dir}-sibling/secret.txt`, 'secret');
      const sibling = await fetch(`http://127.0.0.1:${withPage.port}/..%2f${path.basename(dir)}-sibling%2fsecret.txt`);
      expect(sibling.status).toBe(403);
      const escape = await fetch(`http://127.0.0.1:${withPage.port}/..%2f..%2f..%2fetc%2fpasswd`, { headers: auth });
      expect(await escape.text()).not.toMatch(/root:/);
      // A malformed escape is a bad request, not a crash.
      expect((await fetch(`http://127.0.0.1:${withPage.port}/%E0%A4%A`)).status).toBe(400);
    } finally {
      withPage.close();
    }
  });

  it('streams each committed change to open pages as a server-sent event, and stops when the page goes', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events`, { signal: controller.signal, headers: auth });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const events: unknown[] = [];
    const reading = (async () => {
      let text = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += new TextDecoder().decode(value);
        for (let end = text.indexOf('\n\n'); end !== -1; end = text.indexOf('\n\n')) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)));
        }
      }
    })();
    const office = (await (await post('offices.create', { name: 'Streamed' })).json()) as { id: string };
    await post('offices.update', { id: office.id, patch: { name: 'Streamed' } }); // no change: no event
    await post('people.create', { officeId: office.id, firstName: 'Ana', lastName: 'Ruiz' });
    for (let i = 0; i < 100 && events.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual([
      { source: 'local', tables: { offices: [office.id] } },
      { source: 'local', tables: { people: [expect.any(String)] } },
    ]);
    const listening = app.ctx.feed.listenerCount;
    controller.abort();
    await reading;
    // The server lets go of a closed stream: its listener goes, and later writes break nothing.
    for (let i = 0; i < 100 && app.ctx.feed.listenerCount === listening; i++) await new Promise((r) => setTimeout(r, 10));
    expect(app.ctx.feed.listenerCount).toBe(listening - 1);
    expect((await post('offices.create', { name: 'After' })).status).toBe(200);
  });

  it('listens on loopback only', () => {
    expect((server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('takes a file to import as the raw request body, once, and answers its id for every later step', async () => {
    const text = 'Office name,City\r\nPeña Clinic,Chicago\r\n';
    const r = await fetch(`${base}/api/imports.upload?name=${encodeURIComponent('march offices.csv')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...auth },
      body: Buffer.from(text, 'latin1'),
    });
    expect(r.status).toBe(200);
    const file = (await r.json()) as { fileId: string; name: string; size: number };
    expect(file).toMatchObject({ name: 'march offices.csv', size: Buffer.byteLength(text, 'latin1') });
    const preview = await (await post('imports.preview', { fileId: file.fileId })).json();
    expect(preview).toMatchObject({ file: { encoding: 'windows-1252' }, sampleNames: ['Peña Clinic'] });
  });

  it('refuses an upload without the secret, and answers a GET in words', async () => {
    const r = await fetch(`${base}/api/imports.upload?name=x.csv`, { method: 'POST', body: 'Office name\nx' });
    expect(r.status).toBe(401);
    const g = await fetch(`${base}/api/imports.upload?name=x.csv`, { headers: auth });
    expect(g.status).toBe(405);
  });
});
