import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { chromium } from 'playwright-core';
import { startApp } from '../../src/main/app';
import { newSecret, signInLink } from '../../src/main/host/auth';
import { startHost } from '../../src/main/host/server';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';
import { csvWithOwnNpis } from './csv';
import { removeDir, scratchDir } from './folders';
import { median, ms, row } from './stats';

/** The longest gap between animation frames since the last reset: the page frozen for that long. */
const FRAME_WATCH = `
  window.__gap = 0; window.__last = performance.now();
  const tick = (t) => { window.__gap = Math.max(window.__gap, t - window.__last); window.__last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  window.__longTask = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTask = Math.max(window.__longTask, e.duration); }).observe({ type: 'longtask' });
`;

async function timed(act: () => Promise<void>, done: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await act();
  await done();
  return performance.now() - t0;
}

/**
 * The import as a user meets it, in Chromium on browser mode, with a 50,000-row file: choose →
 * columns shown, mapping → review shown, review → import finished, each beside the same CSV parser
 * alone on the same bytes (in Node: the floor for reading the file at all). Also the longest time
 * the page went without a frame, how many times the file went to the app, and, with a 330-column
 * file, how long one mapping change takes to paint.
 */
export async function benchImportUi(rows: number, runs = 3): Promise<void> {
  const files = scratchDir('import-ui-files');
  const csvPath = path.join(files, 'offices.csv');
  const text = csvWithOwnNpis(rows, 1, 21, 3);
  fs.writeFileSync(csvPath, text);
  const wide = path.join(files, 'wide.csv');
  const header = Array.from({ length: 330 }, (_, i) => (i === 0 ? 'Office name' : `Registry column ${i}`));
  fs.writeFileSync(wide, [header.join(','), ...Array.from({ length: 200 }, (_, r) => header.map((_, i) => (i === 0 ? `Office ${r}` : i % 7 ? '' : `v${r}`)).join(','))].join('\r\n'));
  const parserMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    Papa.parse(fs.readFileSync(csvPath, 'utf8'), { skipEmptyLines: 'greedy' });
    parserMs.push(performance.now() - t0);
  }

  const browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS });
  const choose: number[] = [];
  const review: number[] = [];
  const commit: number[] = [];
  const gaps: number[] = [];
  const longTasks: number[] = [];
  const phaseGaps = { choose: [] as number[], review: [] as number[], commit: [] as number[] };
  const gapSince = async (page: import('playwright-core').Page, into: number[]) => {
    const g = (await page.evaluate('window.__gap')) as number;
    into.push(g);
    await page.evaluate('window.__gap = 0');
    return g;
  };
  const mappingChange: number[] = [];
  let wideChoose = 0;
  let uploads = 0;
  let uploadedBytes = 0;
  let apiBytes = 0;
  try {
    for (let r = 0; r < runs; r++) {
      const dir = scratchDir('import-ui');
      const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
      await app.ctx.gate.health.check();
      const secret = newSecret();
      const server = await startHost({
        handlers: app.handlers, port: 0, staticDir: path.resolve(__dirname, '../../out/renderer'), secret,
        upload: (name, body) => {
          if (name === 'offices.csv') {
            uploads++;
            uploadedBytes += fs.statSync(csvPath).size;
          }
          return app.files.receive(body, name);
        },
      });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.on('request', (req) => {
        if (!req.url().includes('/api/')) return;
        const size = Number(req.headers()['content-length'] ?? req.postDataBuffer()?.length ?? 0);
        if (!req.url().includes('/api/imports.upload')) apiBytes += size;
      });
      try {
        await app.handlers['team.setMe']({ name: 'Bench Liaison', role: 'liaison' });
        await page.goto(`${signInLink(server.port, secret)}#/import`);
        await page.getByRole('button', { name: 'Spreadsheet file' }).waitFor();
        await page.evaluate(FRAME_WATCH);
        choose.push(
          await timed(
            async () => {
              const chooser = page.waitForEvent('filechooser');
              await page.getByRole('button', { name: 'Spreadsheet file' }).click();
              await (await chooser).setFiles(csvPath);
            },
            () => page.getByRole('table', { name: 'Column mapping' }).waitFor({ timeout: 120_000 }),
          ),
        );
        await gapSince(page, phaseGaps.choose);
        review.push(
          await timed(
            () => page.getByRole('button', { name: 'Check the file' }).click(),
            () => page.getByLabel('Import summary').waitFor({ timeout: 120_000 }),
          ),
        );
        await gapSince(page, phaseGaps.review);
        commit.push(
          await timed(
            () => page.getByRole('button', { name: /^Import [\d,]+ offices$/ }).click(),
            () => page.getByRole('alert').filter({ hasText: 'Import finished' }).waitFor({ timeout: 300_000 }),
          ),
        );
        await gapSince(page, phaseGaps.commit);
        gaps.push(Math.max(phaseGaps.choose.at(-1)!, phaseGaps.review.at(-1)!, phaseGaps.commit.at(-1)!));
        longTasks.push((await page.evaluate('window.__longTask')) as number);

        if (r === 0) {
          // A 330-column file: one column's field chosen by keyboard, to the frame that shows it.
          await page.getByRole('button', { name: 'Import another file' }).click();
          const chooser = page.waitForEvent('filechooser');
          await page.getByRole('button', { name: 'Spreadsheet file' }).click();
          const tw = performance.now();
          await (await chooser).setFiles(wide);
          await page.getByRole('table', { name: 'Column mapping' }).waitFor();
          wideChoose = performance.now() - tw;
          for (let i = 1; i <= 5; i++) {
            await page.evaluate(`window.__painted = null; document.addEventListener('change', () => { const t0 = performance.now(); requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => { window.__painted = performance.now() - t0; }; ch.port2.postMessage(0); }); }, { once: true, capture: true });`);
            await page.getByRole('combobox', { name: `Field for column Registry column ${i}`, exact: true }).selectOption({ label: i % 2 ? 'City' : 'Phone' });
            // Polled from here: waitForFunction evaluates a string in the page, which its CSP forbids.
            for (let t = 0; t < 500 && (await page.evaluate('window.__painted')) === null; t++) await new Promise((res) => setTimeout(res, 10));
            mappingChange.push((await page.evaluate('window.__painted')) as number);
          }
        }
      } finally {
        await page.close();
        server.close();
        app.close();
        removeDir(dir);
      }
    }
  } finally {
    await browser.close();
    removeDir(files);
  }
  const base = median(parserMs);
  const mb = Buffer.byteLength(text) / 1024 / 1024;
  console.log(`Import from the page, Chromium on browser mode: ${rows.toLocaleString()} rows (${mb.toFixed(1)} MB), median of ${runs}; baseline: papaparse alone on the same text in Node`);
  row('  choose → columns shown', ms(median(choose)), ms(base), median(choose) / base, '—');
  row('  check the file → review shown', ms(median(review)), ms(base), median(review) / base, '—');
  row('  import → finished', ms(median(commit)), ms(base), median(commit) / base, '—');
  row('  longest gap between frames', ms(Math.max(...gaps)), '16.7 ms', Math.max(...gaps) / 16.7, '< 200 ms');
  row('  longest task on the page’s main thread', ms(Math.max(...longTasks)), '50 ms', Math.max(...longTasks) / 50, '< 200 ms');
  console.log(`    (frame gaps: longest while choosing ${ms(Math.max(...phaseGaps.choose))}, checking ${ms(Math.max(...phaseGaps.review))}, importing ${ms(Math.max(...phaseGaps.commit))})`);
  console.log(`  the file went to the app ${uploads / runs} time(s) per import, ${(uploadedBytes / runs / 1024 / 1024).toFixed(1)} MB; all other API requests of an import together: ${(apiBytes / runs / 1024).toFixed(1)} KB`);
  if (mappingChange.length) {
    row('  330 columns: choose → columns shown', ms(wideChoose), '—', NaN, '—');
    row('  330 columns: one field chosen → painted (max of 5)', ms(Math.max(...mappingChange)), '—', NaN, '< 100 ms');
  }
  console.log('');
}
