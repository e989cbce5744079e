import http from 'node:http';
import { startApp } from '../../src/main/app';
import { newSecret } from '../../src/main/host/auth';
import { startHost } from '../../src/main/host/server';
import { median, ms, percentile, row } from './stats';

/** One POST on a connection of its own (no keep-alive agent), timed to the last byte of the reply; signed in as scripts are, with the Bearer secret. */
function post(port: number, secret: string, method: string, body: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/${method}`,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close', authorization: `Bearer ${secret}` },
      },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${method} answered ${res.statusCode}`));
          else resolve({ ms: performance.now() - t0, bytes });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The first page of the office list over HTTP, as browser mode fetches it: POST /api/offices.list
 * on a started host, a fresh connection per request. Baseline: the same round trip to a trivial
 * method (app.info), so the difference is the list itself plus its JSON.
 */
export async function benchHttp(dir: string, requests: number): Promise<void> {
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
  const secret = newSecret();
  const server = await startHost({ handlers: app.handlers, port: 0, secret });
  // As browser mode does once it listens: the read model loads in slices between requests.
  await app.start();
  try {
    const page = JSON.stringify({ sort: { column: 'name', desc: false }, offset: 0, limit: 200 });
    for (let i = 0; i < 10; i++) {
      await post(server.port, secret, 'offices.list', page);
      await post(server.port, secret, 'app.info', '{}');
    }
    const list: number[] = [];
    const info: number[] = [];
    let bytes = 0;
    for (let i = 0; i < requests; i++) {
      const r = await post(server.port, secret, 'offices.list', page);
      list.push(r.ms);
      bytes = r.bytes;
      info.push((await post(server.port, secret, 'app.info', '{}')).ms);
    }
    console.log(`First page over HTTP (POST /api/offices.list, 200 rows = ${(bytes / 1024).toFixed(0)} kB of JSON; ${requests} requests, a new connection each; baseline: the same POST to app.info)`);
    row('  first page over HTTP p50', ms(median(list)), ms(median(info)), median(list) / median(info), '—');
    row('  first page over HTTP p95', ms(percentile(list, 95)), ms(percentile(info, 95)), percentile(list, 95) / percentile(info, 95), '—');
    console.log('');
  } finally {
    await new Promise((r) => server.close(r));
    app.close();
  }
}
