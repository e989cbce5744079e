/**
 * Regenerates docs/screenshot.png from seeded demo data: `npx tsx scripts/screenshot.ts`
 * (after `npm run build`). Uses the same Chromium lookup as the e2e tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startApp } from '../src/main/app';
import { newSecret, signInLink } from '../src/main/host/auth';
import { startHost } from '../src/main/host/server';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/helpers/chromium';
import { insertSeed } from './seed/insert';

void (async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-shot-'));
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'shot' });
  insertSeed(app.ctx, 2500, 4, 42, () => {});
  const secret = newSecret();
  const server = await startHost({ handlers: app.handlers, port: 0, staticDir: path.resolve(__dirname, '../out/renderer'), secret });
  const browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1440, height: 820 } });
  // As a user opens the printed link: it sets the cookie, then lands on the list.
  await page.goto(`${signInLink(server.port, secret)}#/offices`);
  await page.getByRole('combobox', { name: 'Filter Stage' }).click();
  await page.getByRole('option', { name: 'Established' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('textbox', { name: 'Quick search' }).fill('ortho');
  await page.getByTestId('office-scroll').evaluate((el) => el.scrollTo({ left: 0 }));
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.resolve(__dirname, '../docs/screenshot.png') });
  await browser.close();
  server.close();
  app.close();
})();
