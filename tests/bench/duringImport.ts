import fs from 'node:fs';
import path from 'node:path';
import { checkInBackground } from '../../src/main/db/backgroundCheck';
import { DB_FILE_NAME } from '../../src/main/db/connection';
import { SqliteDatabase } from '../../src/main/db/driver';
import { quickCheckFindings } from '../../src/main/db/fileCheck';
import { dispatch } from '../../src/main/dispatch';
import { openRuntime } from '../../src/main/runtime';
import { csvWithOwnNpis } from './csv';
import { copyDir, removeDir } from './folders';
import { median, ms, percentile, row, timeEach } from './stats';

/**
 * SQLite's quick_check and full integrity_check of the seeded file (each on a read-only
 * connection), beside reading the whole file from disk (the least any check of every page costs).
 */
export async function benchIntegrity(seededDir: string, offices: number): Promise<void> {
  const file = path.join(seededDir, DB_FILE_NAME);
  const runs = 3;
  const read = timeEach(runs, () => void fs.readFileSync(file));
  const check = (pragma: 'quick_check' | 'integrity_check') =>
    timeEach(runs, () => {
      const db = new SqliteDatabase(file, { readonly: true });
      if (quickCheckFindings(db, pragma)) throw new Error(`bench: ${pragma} found damage in the seeded file`);
      db.close();
    });
  const quick = check('quick_check');
  const full = check('integrity_check');
  const inWorker: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await checkInBackground(file);
    inWorker.push(performance.now() - t0);
  }
  const mb = (fs.statSync(file).size / 1e6).toFixed(0);
  console.log(`Database checks, ${offices.toLocaleString()} offices (${mb} MB file; median of ${runs}; baseline: reading the whole file)`);
  row('  quick_check (before the first write)', ms(median(quick)), ms(median(read)), median(quick) / median(read), 'off the start-up path');
  row('  quick_check in its worker thread', ms(median(inWorker)), ms(median(read)), median(inWorker) / median(read), '—');
  row('  integrity_check ("Check database")', ms(median(full)), ms(median(read)), median(full) / median(read), '—');
  console.log('');
}

/**
 * What a user sees of the rest of the app while a 50,000-row import runs: the office list's first
 * page, a quick search and the import's progress poll, each called as the screens call them
 * (through the validating boundary) every few milliseconds until the import ends. Baseline: the
 * same calls with no import running.
 */
export async function benchDuringImport(seededDir: string, rows: number): Promise<void> {
  const dir = copyDir(seededDir, 'during-import');
  const runtime = openRuntime({ dataDir: dir, mode: 'browser', version: 'bench' });
  try {
    // A request that arrives mid-batch waits for the batch: timed from when it was due, not from
    // when the event loop got to it, so the wait is in the figure.
    const call = async (method: string, input: unknown, due = performance.now()) => {
      const t0 = due;
      const r = await dispatch(runtime.handlers, method, input);
      if (!r.ok && r.error.code !== 'busy') throw new Error(`bench: ${method}: ${r.error.message}`);
      return { ms: performance.now() - t0, value: r.ok ? r.value : r.error };
    };
    await runtime.start();
    await runtime.app!.ctx.gate.health.check();
    const probes = [
      ['list', 'offices.list', { limit: 100 }],
      ['search', 'offices.list', { search: 'ortho', limit: 100 }],
      ['write', 'offices.create', { name: 'While importing' }],
    ] as const;
    const idle: Record<string, number[]> = { list: [], search: [], status: [], write: [] };
    for (let i = 0; i < 30; i++) for (const [k, m, input] of probes.slice(0, 2)) idle[k]!.push((await call(m, input)).ms);

    const csv = csvWithOwnNpis(rows, 1, 11, 2);
    // The file reaches the app as browser mode's upload hands it over, then the import names it.
    const { fileId } = await runtime.receiveFile('bench.csv', [Buffer.from(csv, 'utf8')]);
    const { value } = await call('imports.commit', { fileId, duplicateMode: 'skip' });
    const jobId = (value as { jobId: string }).jobId;
    const busy: Record<string, number[]> = { list: [], search: [], status: [], write: [] };
    let refusal = '';
    const arrive = (ms: number) => new Promise<number>((resolve) => {
      const due = performance.now() + ms;
      setTimeout(() => resolve(due), ms);
    });
    for (;;) {
      const s = await call('imports.status', { jobId }, await arrive(3));
      busy.status!.push(s.ms);
      if ((s.value as { state: string }).state !== 'running') break;
      for (const [k, m, input] of probes) {
        const r = await call(m, input, await arrive(3));
        busy[k]!.push(r.ms);
        if (k === 'write') refusal = (r.value as { message?: string }).message ?? '';
      }
    }
    // Baselines for the poll and the write, now that nothing runs: the same poll, and a write that is saved.
    for (let i = 0; i < 30; i++) {
      idle.status!.push((await call('imports.status', { jobId })).ms);
      idle.write!.push((await call('offices.create', { name: `After the import ${i}` })).ms);
    }
    console.log(`While a ${rows.toLocaleString()}-row import runs (${busy.status!.length} polls; each timed from when it was due, so a wait for the import's current batch counts; baseline: the same call with no import)`);
    const line = (label: string, k: string) =>
      row(label, `p50 ${ms(median(busy[k]!))} p95 ${ms(percentile(busy[k]!, 95))}`, ms(median(idle[k]!)), median(busy[k]!) / median(idle[k]!), 'p95 < 100 ms');
    line('  office list, first page', 'list');
    line('  quick search "ortho"', 'search');
    line('  import progress poll', 'status');
    line('  another write (refused at once; baseline: saved)', 'write');
    console.log(`  max of any call: ${ms(Math.max(...Object.values(busy).flat()))}; the refused write said: "${refusal}"`);
    console.log('');
  } finally {
    runtime.close();
    removeDir(dir);
  }
}
