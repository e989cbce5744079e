import path from 'node:path';
import { chromium } from 'playwright-core';
import { startApp } from '../../src/main/app';
import { newSecret, signInLink } from '../../src/main/host/auth';
import { startHost } from '../../src/main/host/server';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';
import { median, ms, percentile, row } from './stats';

/** Keys a liaison might type into quick search, Backspace included (the ⌫ character). */
const TYPING = 'smith⌫⌫⌫⌫⌫columbus⌫⌫⌫⌫⌫⌫⌫⌫ortho⌫⌫⌫⌫⌫614⌫⌫⌫memorial care';

/**
 * Timestamps each keystroke in quick search (keydown, capture phase) and records when the list's
 * data-version changes and the next frame has painted; `__echo` records when the typed character
 * has painted. "Painted": a requestAnimationFrame callback runs before that frame's style, layout
 * and paint; a message posted from it is handled as the next task, after the frame is painted.
 */
const INSTRUMENT = `
  window.__lat = {}; window.__echo = {}; window.__k = -1; window.__t0 = 0; window.__v0 = null;
  const afterPaint = (f) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = f; ch.port2.postMessage(0); });
  const table = () => document.querySelector('table[aria-label="Offices"]');
  const search = document.querySelector('input[aria-label="Quick search"]');
  search.addEventListener('keydown', () => { window.__k += 1; window.__t0 = performance.now(); window.__v0 = table()?.dataset.version; }, true);
  search.addEventListener('input', () => {
    const k = window.__k, t0 = window.__t0;
    afterPaint(() => { window.__echo[k] = performance.now() - t0; });
  });
  new MutationObserver(() => {
    const k = window.__k, t0 = window.__t0;
    if (window.__lat[k] === undefined && window.__lat['p' + k] === undefined && table()?.dataset.version !== window.__v0) {
      window.__lat['p' + k] = true;
      afterPaint(() => { window.__lat[k] = performance.now() - t0; });
    }
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-version'], childList: true });
`;

/**
 * In Chromium on browser mode: from a keystroke in quick search to the updated rows painted.
 * Baseline: the same keystroke to its character painted in the input (the browser's and React's
 * own floor for any reaction to typing).
 */
export async function benchBrowser(dataDir: string, keystrokes: number): Promise<void> {
  const app = startApp({ dataDir, mode: 'browser', version: 'bench' });
  const secret = newSecret();
  const server = await startHost({ handlers: app.handlers, port: 0, staticDir: path.resolve(__dirname, '../../out/renderer'), secret });
  const browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // The printed link, as a user opens it: it sets the cookie and lands on the list.
    await page.goto(`${signInLink(server.port, secret)}#/offices`);
    await page.getByRole('row').nth(3).waitFor();
    // A string, not a function: tsx's transform would wrap a function in helpers the page lacks.
    await page.evaluate(INSTRUMENT);
    const box = page.getByRole('textbox', { name: 'Quick search' });
    await box.click();
    const keys = [...TYPING].slice(0, keystrokes);
    let missed = 0;
    for (const [i, ch] of keys.entries()) {
      await page.keyboard.press(ch === '⌫' ? 'Backspace' : ch === ' ' ? 'Space' : ch);
      // Each keystroke is waited for by its own index, so a slow one is counted, never skipped.
      let ok = false;
      for (const t0 = Date.now(); !ok && Date.now() - t0 < 5000; ) {
        ok = (await page.evaluate(`window.__lat[${i}] !== undefined`)) as boolean;
        if (!ok) await new Promise((r) => setTimeout(r, 5));
      }
      if (!ok) missed++;
    }
    const { lat, echo } = (await page.evaluate(
      '({ lat: Object.entries(window.__lat).filter(([k]) => !k.startsWith("p")).map(([, v]) => v), echo: Object.values(window.__echo) })',
    )) as { lat: number[]; echo: number[] };
    console.log(`Quick search in Chromium, browser mode (${lat.length} of ${keys.length} keystrokes measured${missed ? `; ${missed} showed no update within 5 s` : ''}; clock stops after the frame is painted; baseline: keystroke → character painted in the box)`);
    row('  keystroke → rows on screen p50', ms(median(lat)), ms(median(echo)), median(lat) / median(echo), '—');
    row('  keystroke → rows on screen p95', ms(percentile(lat, 95)), ms(percentile(echo, 95)), percentile(lat, 95) / percentile(echo, 95), '< 100 ms');
    console.log('');
  } finally {
    await browser.close();
    server.close();
    app.close();
  }
}
