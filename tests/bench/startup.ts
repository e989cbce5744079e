import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';
import { onCleanup, trackProcess } from './folders';
import { median, row } from './stats';

const HOST_JS = path.resolve(__dirname, '../../out/main/host.js');

/**
 * Runs in the page before its own scripts: once the office list shows rows (or, on an empty
 * folder, its empty state), waits for the next paint — a requestAnimationFrame callback runs just
 * before the frame is rendered, and a message posted from it is handled after that frame is
 * painted — and records the wall-clock time, comparable with the bench's own clock.
 */
const PAINT_PROBE = `(() => {
  const shown = () => document.querySelector('table[aria-label="Offices"] tbody tr[aria-rowindex]') ? 'rows'
    : document.body && document.body.textContent.includes('No offices yet') ? 'empty' : null;
  const obs = new MutationObserver(() => {
    const what = shown();
    if (!what) return;
    obs.disconnect();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { window.__painted = { at: performance.timeOrigin + performance.now(), what }; };
      ch.port2.postMessage(0);
    });
  });
  obs.observe(document, { childList: true, subtree: true });
})();`;

const now = () => performance.timeOrigin + performance.now();
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** Polls VmRSS until it has not grown by more than 1 MB for 2 s (at most 20 s); the last reading. */
async function quietRssKb(pid: number): Promise<number> {
  const t0 = Date.now();
  let peak = rssKb(pid);
  let since = Date.now();
  let last = peak;
  while (Date.now() - t0 < 20_000 && Date.now() - since < 2_000) {
    await new Promise((r) => setTimeout(r, 200));
    last = rssKb(pid);
    if (last > peak + 1024) {
      peak = last;
      since = Date.now();
    }
  }
  return last;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

interface Run {
  urlMs: number;
  paintMs: number;
  what: string;
  rssKb: number;
}

/** Spawns the built host on `dataDir` and opens its printed link at #/offices in a fresh browser context. */
async function startOnce(browser: Browser, dataDir: string, measureMemory: boolean): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  let child: ChildProcess | null = null;
  const kill = () => child?.kill('SIGKILL');
  onCleanup(kill);
  try {
    const page = await context.newPage();
    await page.addInitScript(PAINT_PROBE);
    const t0 = now();
    child = spawn(process.execPath, [HOST_JS], { env: { ...process.env, LIAISON_DATA_DIR: dataDir, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const proc = child;
    trackProcess(proc.pid!, new Promise((r) => proc.once('exit', r)));
    let stderr = '';
    proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        // The printed link carries this launch's secret; opening it is what a user does.
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
        if (m) resolve(m[0]);
      });
      proc.once('exit', (code) => reject(new Error(`host exited (${code}) before listening: ${stderr}`)));
    });
    const urlAt = now();
    await page.goto(`${url}#/offices`, { waitUntil: 'commit' });
    // Polled from here: waitForFunction evaluates its predicate in the page, which the CSP forbids.
    let painted: { at: number; what: string } | undefined;
    for (const started = Date.now(); !painted; await new Promise((r) => setTimeout(r, 50))) {
      painted = (await page.evaluate('window.__painted')) as typeof painted;
      if (!painted && Date.now() - started > 120_000) throw new Error(`no office list painted within 2 min of ${url}#/offices`);
    }
    const rss = measureMemory ? await quietRssKb(proc.pid!) : NaN;
    return { urlMs: urlAt - t0, paintMs: painted.at - t0, what: painted.what, rssKb: rss };
  } finally {
    await context.close();
    if (child) await stop(child);
  }
}

export interface StartupSubject {
  dir: string;
  offices: number;
  dbBytes: number;
}

/**
 * Start-up in browser mode: from spawning `node out/main/host.js` on the seeded folder to the first
 * rows painted in Chromium at #/offices; baseline: the same on an empty data folder (and process
 * start: spawn → URL printed). Then resident memory once the host has gone quiet.
 */
export async function benchStartup(subject: StartupSubject, emptyDir: string, runs: number): Promise<void> {
  if (!fs.existsSync(HOST_JS)) throw new Error(`${HOST_JS} is missing: run npx electron-vite build first`);
  const browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS });
  onCleanup(() => void browser.close().catch(() => {}));
  try {
    const seeded: Run[] = [];
    const empty: Run[] = [];
    // Interleaved, so both see the same machine; memory on the last run of each.
    for (let i = 0; i < runs; i++) {
      empty.push(await startOnce(browser, emptyDir, i === runs - 1));
      seeded.push(await startOnce(browser, subject.dir, i === runs - 1));
    }
    const bad = seeded.find((r) => r.what !== 'rows');
    if (bad) throw new Error(`start-up on the seeded folder painted "${bad.what}", not rows`);
    if (empty.some((r) => r.what !== 'empty')) throw new Error('start-up on the empty folder did not paint its empty state');
    const med = (rs: Run[], k: 'urlMs' | 'paintMs') => median(rs.map((r) => r[k]));
    const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
    const per50k = 50_000 / subject.offices;
    console.log(
      `Start-up, browser mode, ${subject.offices.toLocaleString()} offices (spawn node out/main/host.js → Chromium at #/offices; median of ${runs}, first run ${s(seeded[0]!.paintMs)}; baseline: the same on an empty data folder)`,
    );
    row('  spawn → URL printed (process start)', s(med(seeded, 'urlMs')), s(med(empty, 'urlMs')), med(seeded, 'urlMs') / med(empty, 'urlMs'), '—');
    const page = (rs: Run[]) => median(rs.map((r) => r.paintMs - r.urlMs));
    row('  URL printed → first rows painted (the page)', s(page(seeded)), s(page(empty)), page(seeded) / page(empty), '—');
    row('  spawn → first rows painted', s(med(seeded, 'paintMs')), s(med(empty, 'paintMs')), med(seeded, 'paintMs') / med(empty, 'paintMs'), subject.offices <= 50_000 ? '< 1 s' : '—');
    const rss = seeded.at(-1)!.rssKb;
    const rss0 = empty.at(-1)!.rssKb;
    row('  host resident memory once quiet', mb(rss), mb(rss0), rss / rss0, '—');
    const extra = ((rss - rss0) / 1024) * per50k;
    const file = (subject.dbBytes / 1048576) * per50k;
    row('  … above the empty folder, per 50,000 offices', `${extra.toFixed(0)} MB`, `${file.toFixed(0)} MB file`, extra / file, '—');
    console.log('');
  } finally {
    await browser.close();
  }
}
