import { test as base, chromium } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';
import { ImportPage } from './pages/ImportPage';
import { OfficeDetailPage } from './pages/OfficeDetailPage';
import { OfficesPage } from './pages/OfficesPage';
import { signIn, type Served } from './signIn';

export interface RunningApp extends Served {
  /** the plain origin, `http://127.0.0.1:<port>/`: every test's page has followed `link` first, so it opens */
  url: string;
  /** the link browser mode printed, carrying this launch's secret */
  link: string;
  secret: string;
  dataDir: string;
  /** Calls the API the page uses, for setting a scene quickly (never for what a test asserts). */
  api<T = unknown>(method: string, input: unknown): Promise<T>;
}

const HOST = path.resolve(__dirname, '../../out/main/host.js');

/** Browser mode as a user starts it: `node out/main/host.js` on a fresh data folder and a free port. */
async function startBrowserMode(files: Record<string, string> = {}): Promise<{ app: RunningApp; proc: ChildProcess }> {
  if (!fs.existsSync(HOST)) throw new Error('out/main/host.js is missing: run `npm run build` before the e2e tests.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-e2e-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dataDir, name), content);
  const proc = spawn(process.execPath, [HOST], { env: { ...process.env, LIAISON_DATA_DIR: dataDir, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const [link, url, secret] = await new Promise<string[]>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /((http:\/\/127\.0\.0\.1:\d+\/)\?token=([\w-]+))/.exec(out);
      if (m) resolve(m.slice(1));
    });
    proc.on('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${stderr}`)));
  });
  // Scripts sign in with the secret as a Bearer token, as the README tells them to.
  const api = async <T,>(method: string, input: unknown): Promise<T> => {
    const res = await fetch(`${url}api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify(input),
    });
    if (!res.ok) throw new Error(`${method}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  return { app: { url: url!, link: link!, secret: secret!, dataDir, api }, proc };
}

export const test = base.extend<{
  /** files put in the data folder before browser mode starts on it (a damaged database, say) */
  dataFolderFiles: Record<string, string>;
  app: RunningApp;
  offices: OfficesPage;
  detail: OfficeDetailPage;
  importer: ImportPage;
}>({
  dataFolderFiles: [{}, { option: true }],
  // Chromium from CHROMIUM_PATH, the system, or @sparticuz/chromium: never a Playwright download.
  browser: [
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ dataFolderFiles }, use) => {
    const { app, proc } = await startBrowserMode(dataFolderFiles);
    await use(app);
    proc.kill();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  },
  // Each test's page has followed the printed link, as a user would, so `app.url` opens in it; it
  // then starts from a blank tab, so a test's first visit is a fresh load, not a hash change.
  page: async ({ page, app }, use) => {
    await signIn(page, app);
    await page.goto('about:blank');
    await use(page);
  },
  offices: async ({ page, app }, use) => use(new OfficesPage(page, app)),
  detail: async ({ page }, use) => use(new OfficeDetailPage(page)),
  importer: async ({ page, app }, use) => use(new ImportPage(page, app)),
});

export { expect } from '@playwright/test';
