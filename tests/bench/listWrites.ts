import { ImportRequest } from '../../src/shared/imports/contract';
import { OfficeListQuery, type OfficeFields } from '../../src/shared/domain/office';
import { startApp } from '../../src/main/app';
import { officeList } from '../../src/main/offices/listIndex';
import { ImportJobs } from '../../src/main/imports/service';
import { listOffices, updateOffice } from '../../src/main/offices/service';
import { csvWithOwnNpis } from './csv';
import { copyDir, removeDir } from './folders';
import { median, ms, percentile, row } from './stats';

const SORTS = { name: OfficeListQuery.parse({ sort: { column: 'name', desc: false } }), city: OfficeListQuery.parse({ sort: { column: 'city', desc: false } }) };
/** Whole words someone types into quick search; each timed search is the first after a write. */
const SEARCHES = ['smith', 'columbus', 'ortho', 'memorial', '432', '(614) 5', 'urgent care', 'patel cardiology', 'annex', 'zzz'].map((search) =>
  OfficeListQuery.parse({ search }),
);
const CITIES = ['Columbus', 'Dayton', 'Akron', 'Toledo', 'Cincinnati', 'Lima', 'Marion', 'Athens'];

/** mulberry32, so every run edits the same offices in the same order. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const time = (fn: () => unknown) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

/**
 * The office list as someone uses it while also editing: after each single-office edit (a random
 * office's name or city, through updateOffice), the first sorted page and the first quick search;
 * the same queries steady (no write before them); and the first page and search after a
 * 10,000-row import. Runs on a copy of the seeded folder, deleted afterwards.
 */
export async function benchListAfterWrites(seededDir: string, edits: number, budgetMs: number): Promise<void> {
  const dir = copyDir(seededDir, 'list-writes');
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
  // A copied folder is checked (quick_check) before it takes writes, as at every start.
  await app.ctx.gate.health.check();
  try {
    const { ctx, files } = app;
    const db = ctx.store.sqlite;
    const total = (db.prepare('SELECT count(*) AS n FROM offices WHERE deleted_at IS NULL').get() as { n: number }).n;
    const t0 = performance.now();
    await officeList(ctx).warm();
    const coldLoad = performance.now() - t0;
    Object.values(SORTS).forEach((q) => listOffices(ctx, q));
    SEARCHES.forEach((q) => listOffices(ctx, q));

    // Which offices to edit: a fixed sample (ids and addresses read raw, outside any timing).
    const sample = db.prepare('SELECT id, name, address FROM offices WHERE deleted_at IS NULL AND rowid % 97 = 13').all() as { id: string; name: string; address: string }[];
    const rand = rng(7);
    const pick = () => sample[Math.floor(rand() * sample.length)]!;
    const edit = (i: number, column: 'name' | 'city') => {
      const o = pick();
      if (column === 'name') {
        o.name = `${o.name.replace(/ Annex \d+$/, '')} Annex ${i}`;
        updateOffice(ctx, o.id, { name: o.name });
      } else {
        const address = { line1: null, line2: null, state: null, zip: null, ...(JSON.parse(o.address) as Partial<OfficeFields['address']>), city: CITIES[i % CITIES.length]! };
        o.address = JSON.stringify(address);
        updateOffice(ctx, o.id, { address });
      }
    };

    // Each timed call is the first after its own edit (edit → page sorted by the edited column;
    // edit → search), name and city edits alternating.
    const editMs: number[] = [];
    const afterEditPage: number[] = [];
    const afterEditSearch: number[] = [];
    const deadline = performance.now() + budgetMs;
    let n = 0;
    for (; n < edits && performance.now() < deadline; n++) {
      const column = n % 2 ? 'city' : 'name';
      editMs.push(time(() => edit(2 * n, column)));
      afterEditPage.push(time(() => listOffices(ctx, SORTS[column])));
      editMs.push(time(() => edit(2 * n + 1, n % 2 ? 'name' : 'city')));
      afterEditSearch.push(time(() => listOffices(ctx, SEARCHES[n % SEARCHES.length]!)));
    }

    // Steady: the same calls with no write in between, interleaved with the bare read.
    const bare = db.prepare('SELECT id, name, kind, specialties, phone, npi, tier, stage, owner, tags, updated_at, archived_at, city, state, zip FROM offices WHERE rowid > ? ORDER BY rowid LIMIT 200');
    const steadyPage: number[] = [];
    const steadySearch: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < Math.max(n, 50); i++) {
      steadyPage.push(time(() => listOffices(ctx, i % 2 ? SORTS.city : SORTS.name)));
      steadySearch.push(time(() => listOffices(ctx, SEARCHES[i % SEARCHES.length]!)));
      bareMs.push(time(() => bare.all((i * 7919) % Math.max(1, total - 200))));
    }

    // Two 10,000-row imports (fresh NPIs, so they add offices): the first page after one, the first search after the other.
    const rows = 10_000;
    const imported: { ms: number; created: number; first: number }[] = [];
    for (const [k, q] of [SORTS.name, SEARCHES[0]!].entries()) {
      const csv = csvWithOwnNpis(rows, 1, 100 + k, 8 + k);
      const jobs = new ImportJobs(ctx, files);
      const ti = performance.now();
      const { fileId } = await files.receive([Buffer.from(csv, 'utf8')], 'bench.csv');
      const { jobId, done } = await jobs.start(ImportRequest.parse({ fileId, duplicateMode: 'skip' }));
      await done;
      const importMs = performance.now() - ti;
      const first = time(() => listOffices(ctx, q));
      const s = jobs.status(jobId);
      if (s.state !== 'done') throw new Error(`bench import failed: ${s.error}`);
      imported.push({ ms: importMs, created: s.result!.created, first });
    }

    const p = (xs: number[], q: number) => percentile(xs, q);
    console.log(
      `Office list after writes, ${total.toLocaleString()} offices (copy of the seeded folder; ${n} × [edit a random office's name or city → time the first page sorted by it; edit another → time the first quick search]; baseline: the same calls steady, no edit before them)`,
    );
    console.log(`  read model loaded (in 1,000-row slices between requests, as after start-up): ${ms(coldLoad)}; the edit itself (updateOffice): p50 ${ms(median(editMs))}, p95 ${ms(p(editMs, 95))}`);
    row('  first page after an edit p50', ms(median(afterEditPage)), ms(median(steadyPage)), median(afterEditPage) / median(steadyPage), '—');
    row('  first page after an edit p95', ms(p(afterEditPage, 95)), ms(p(steadyPage, 95)), p(afterEditPage, 95) / p(steadyPage, 95), '< 20 ms');
    row('  first quick search after an edit p50', ms(median(afterEditSearch)), ms(median(steadySearch)), median(afterEditSearch) / median(steadySearch), '—');
    row('  first quick search after an edit p95', ms(p(afterEditSearch, 95)), ms(p(steadySearch, 95)), p(afterEditSearch, 95) / p(steadySearch, 95), '< 20 ms');
    console.log(`  steady, no edits (${steadyPage.length} of each; baseline: 200 rows read raw off SQLite, unsorted, unfiltered)`);
    row('  sorted page (name or city) p50', ms(median(steadyPage)), ms(median(bareMs)), median(steadyPage) / median(bareMs), '—');
    row('  sorted page (name or city) p95', ms(p(steadyPage, 95)), ms(p(bareMs, 95)), p(steadyPage, 95) / p(bareMs, 95), '< 20 ms');
    row('  quick search p50', ms(median(steadySearch)), ms(median(bareMs)), median(steadySearch) / median(bareMs), '—');
    row('  quick search p95', ms(p(steadySearch, 95)), ms(p(bareMs, 95)), p(steadySearch, 95) / p(bareMs, 95), '< 20 ms');
    const [a, b] = imported as [(typeof imported)[0], (typeof imported)[0]];
    console.log(
      `  after a ${rows.toLocaleString()}-row import (ImportJobs, duplicateMode skip; imports took ${(a.ms / 1000).toFixed(2)} s and ${(b.ms / 1000).toFixed(2)} s, adding ${a.created.toLocaleString()} and ${b.created.toLocaleString()} offices; baseline: steady p50)`,
    );
    row('  first page after the import', ms(a.first), ms(median(steadyPage)), a.first / median(steadyPage), '—');
    row('  first quick search after the import', ms(b.first), ms(median(steadySearch)), b.first / median(steadySearch), '—');
    console.log('');
  } finally {
    app.close();
    removeDir(dir);
  }
}
