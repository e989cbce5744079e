import { OfficeListQuery } from '../../src/shared/domain/office';
import { startApp } from '../../src/main/app';
import { listOffices } from '../../src/main/offices/service';
import { median, ms, percentile, row, timeEach } from './stats';

const QUERIES = [
  { sort: { column: 'name', desc: false } },
  { sort: { column: 'city', desc: true }, filters: { tier: ['A'] } },
  { sort: { column: 'zip', desc: false }, filters: { state: 'OH' } },
  { sort: { column: 'updatedAt', desc: true }, filters: { stage: ['established'], kind: ['physician_office'] } },
  { sort: { column: 'owner', desc: false }, filters: { city: 'col' } },
  { sort: { column: 'tier', desc: false }, filters: { specialty: 'cardio' } },
  { sort: { column: 'stage', desc: true }, includeArchived: true, filters: { zip: '43', tag: 'lunch' } },
] as const;

/** What someone types into quick search, one prefix per keystroke. */
const SEARCHES = ['smith', 'columbus', 'ortho', 'memorial', '432', '(614) 5', 'urgent care', 'patel cardiology', '1000012', 'zzz'];

export function benchList(dir: string): void {
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
  const { ctx } = app;
  const total = (ctx.store.sqlite.prepare('SELECT count(*) AS n FROM offices').get() as { n: number }).n;
  const pages = QUERIES.flatMap((q) => [0, 1000, Math.floor(total / 2)].map((offset) => OfficeListQuery.parse({ ...q, offset, limit: 200 })));
  const searches = SEARCHES.flatMap((s) => Array.from({ length: s.length }, (_, i) => OfficeListQuery.parse({ search: s.slice(0, i + 1), limit: 200 })));

  // The first screen is answered from SQLite while the model loads; the first search needs the whole model.
  const t0 = performance.now();
  listOffices(ctx, OfficeListQuery.parse({}));
  const firstScreen = performance.now() - t0;
  const t1 = performance.now();
  listOffices(ctx, OfficeListQuery.parse({ search: 'a' }));
  const coldLoad = performance.now() - t1;

  // Baseline: the least any page can cost — 200 rows read straight off SQLite in storage order,
  // no filter, no sort, no count, through one statement prepared in advance.
  const bare = ctx.store.sqlite.prepare(
    'SELECT id, name, kind, specialties, phone, npi, tier, stage, owner, tags, updated_at, archived_at, city, state, zip FROM offices WHERE rowid > ? ORDER BY rowid LIMIT 200',
  );
  const bareRead = (i: number) => bare.all((i * 7919) % Math.max(1, total - 200));

  pages.forEach((q) => listOffices(ctx, q)); // sort orders are built once per column, on first use
  const rounds = 5;
  const appPages = timeEach(pages.length * rounds, (i) => listOffices(ctx, pages[i % pages.length]!));
  const basePages = timeEach(pages.length * rounds, bareRead);
  const appSearch = timeEach(searches.length * rounds, (i) => listOffices(ctx, searches[i % searches.length]!));
  const baseSearch = timeEach(searches.length * rounds, bareRead);
  console.log(`Office list (${total.toLocaleString()} offices; a page of 200 with its total; baseline: 200 rows read raw off SQLite, unsorted, unfiltered)`);
  console.log(`  first screen after start (from SQLite, the model not loaded yet): ${ms(firstScreen)}; first search (loads the whole model): ${ms(coldLoad)}`);
  row('  sorted + filtered page p50', ms(median(appPages)), ms(median(basePages)), median(appPages) / median(basePages), '—');
  row('  sorted + filtered page p95', ms(percentile(appPages, 95)), ms(percentile(basePages, 95)), percentile(appPages, 95) / percentile(basePages, 95), '< 20 ms');
  row('  quick search p50', ms(median(appSearch)), ms(median(baseSearch)), median(appSearch) / median(baseSearch), '—');
  row('  quick search p95', ms(percentile(appSearch, 95)), ms(percentile(baseSearch, 95)), percentile(appSearch, 95) / percentile(baseSearch, 95), '< 20 ms');
  console.log('');
  app.close();
}
