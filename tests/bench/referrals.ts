import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import ts from 'typescript';
import { startApp } from '../../src/main/app';
import type { Ctx } from '../../src/main/context';
import { dashboard } from '../../src/main/referrals/dashboard';
import { officeScorecard } from '../../src/main/referrals/scorecards';
import { insertReferral } from '../../src/main/referrals/service';
import { setMe } from '../../src/main/team/me';
import { ReferralCreate } from '../../src/shared/domain/referral';
import { newId } from '../../src/shared/ids';
import { monthBefore } from '../../src/shared/referrals/atRisk';
import { DashboardQuery, type Dashboard } from '../../src/shared/referrals/contract';
import { insertVisitFeedback } from '../../scripts/seed/feedback';
import { insertSeed } from '../../scripts/seed/insert';
import { insertReferralHistory, type ReferralSeedCounts } from '../../scripts/seed/referrals';
import { insertVisitHistory } from '../../scripts/seed/visits';
import { copyDir, dirBytes, keptSeedRoot, scratchDir } from './folders';
import { median, ms, percentile } from './stats';

export interface ReferralBenchSize {
  offices: number;
  referrals: number;
  peoplePerOffice: number;
  visitsPerOffice: number;
  /** timed runs of each measured call (each beside its baseline, interleaved) */
  runs: number;
}

interface ReferralSeed {
  offices: number;
  people: number;
  visits: number;
  feedback: number;
  counts: ReferralSeedCounts;
  /** ms for the directory, the visits and ratings, and the referrals */
  seedMs: { directory: number; visits: number; referrals: number };
}

const ROOT = path.resolve(__dirname, '../..');

/**
 * What the kept seed was made by: the migrations (the schema, the triggers that keep the monthly
 * counts) and the seed scripts, as code: a change to any of them makes a new key, so a stale
 * folder is never measured; a change to a comment or a type does not re-seed two million rows.
 */
function seedKey(): string {
  const h = createHash('sha256');
  for (const dir of ['src/main/db/migrations', 'scripts/seed']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.ts')).sort()) {
      const code = ts.transpileModule(fs.readFileSync(path.join(ROOT, dir, f), 'utf8'), { compilerOptions: { removeComments: true, target: ts.ScriptTarget.ES2022 } }).outputText;
      h.update(`${dir}/${f}\0${code}\0`);
    }
  }
  return h.digest('hex').slice(0, 10);
}

/**
 * Kept between runs unless BENCH_KEEP_SEED=0: at full size the seed takes many minutes, and the
 * issue asks for it cached. Measured on a copy, so what this section writes never reaches it.
 */
const keepReferralSeed = () => process.env.BENCH_KEEP_SEED !== '0';

/** A folder with the directory, its visits and ratings, and the referrals, seeded through the write path. */
function prepareReferralDir(size: ReferralBenchSize): { dir: string; seed: ReferralSeed } {
  const keep = keepReferralSeed();
  const key = seedKey();
  const name = `referrals-${size.offices}x${size.peoplePerOffice}x${size.visitsPerOffice}-${size.referrals}-s42-${key}`;
  const dir = keep ? path.join(keptSeedRoot(), name) : scratchDir('referrals');
  const marker = `${dir}.json`;
  if (keep && fs.existsSync(marker)) {
    const seed = JSON.parse(fs.readFileSync(marker, 'utf8')) as ReferralSeed;
    const t0 = performance.now();
    const copy = copyDir(dir, 'referrals');
    console.log(
      `Seed: reusing ${dir}, kept by an earlier run (it took ${((seed.seedMs.directory + seed.seedMs.visits + seed.seedMs.referrals) / 60_000).toFixed(1)} min to seed then; ` +
        `${(seed.seedMs.referrals / 1000).toFixed(0)} s of it the referrals); copied in ${((performance.now() - t0) / 1000).toFixed(1)} s to measure on`,
    );
    return { dir: copy, seed };
  }
  if (keep) {
    fs.mkdirSync(keptSeedRoot(), { recursive: true });
    // Folders made by other code are stale for every size: they go, or /tmp fills with gigabytes.
    for (const f of fs.readdirSync(keptSeedRoot())) if (f.startsWith('referrals-') && !f.includes(`-s42-${key}`)) fs.rmSync(path.join(keptSeedRoot(), f), { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(marker, { force: true });
  }
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
  let seed: ReferralSeed;
  try {
    const { ctx } = app;
    const tty = process.stdout.isTTY;
    let t = performance.now();
    const n = insertSeed(ctx, size.offices, size.peoplePerOffice, 42, (done) => tty && process.stdout.write(`\r  seeding offices: ${done.toLocaleString()} / ${size.offices.toLocaleString()}`));
    const directory = performance.now() - t;
    t = performance.now();
    const v = insertVisitHistory(ctx, size.visitsPerOffice, 42, (done) => tty && process.stdout.write(`\r  seeding visits: ${done.toLocaleString()} / ${size.offices.toLocaleString()} offices`));
    const f = insertVisitFeedback(ctx, 42);
    const visits = performance.now() - t;
    t = performance.now();
    const counts = insertReferralHistory(ctx, size.referrals, 42, {
      progress: (done) => tty && process.stdout.write(`\r  seeding referrals: ${done.toLocaleString()} / ${size.referrals.toLocaleString()}     `),
    });
    const referrals = performance.now() - t;
    if (tty) process.stdout.write('\n');
    ctx.store.sqlite.pragma('optimize');
    seed = { offices: n.offices, people: n.people, visits: v.visits, feedback: f.feedback, counts, seedMs: { directory, visits, referrals } };
  } finally {
    app.close();
  }
  // Written last, beside (not inside) the folder: a folder without it is an interrupted seed.
  if (keep) fs.writeFileSync(marker, JSON.stringify(seed));
  const c = seed.counts;
  const s = seed.seedMs;
  console.log(
    `Seed: ${seed.offices.toLocaleString()} offices, ${seed.people.toLocaleString()} people in ${(s.directory / 1000).toFixed(1)} s; ${seed.visits.toLocaleString()} visits and ${seed.feedback.toLocaleString()} ratings in ${(s.visits / 1000).toFixed(1)} s; ` +
      `${c.referrals.toLocaleString()} referrals with their change records through the write path in ${(s.referrals / 1000).toFixed(1)} s (${((s.referrals / Math.max(1, c.referrals)) * 1000).toFixed(0)} µs each)` +
      (keep ? ` (kept for later runs in ${dir}; delete with rm -rf ${dir} ${marker})` : ''),
  );
  return { dir: keep ? copyDir(dir, 'referrals') : dir, seed };
}

/** Times `fn` and `base` alternately, `runs` times each after `warm` untimed calls of each; the error instead when fn throws (a stub). */
function interleaved(runs: number, fn: () => unknown, base: () => unknown, warm = 2): { fn: number[]; base: number[] } | { error: string } {
  try {
    for (let i = 0; i < warm; i++) {
      fn();
      base();
    }
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    fn();
    a.push(performance.now() - t);
    t = performance.now();
    base();
    b.push(performance.now() - t);
  }
  return { fn: a, base: b };
}

const LABEL = 40;
/** The median of `n` timed calls. */
function medianOf(n: number, fn: () => unknown): number {
  return median(
    Array.from({ length: n }, () => {
      const t = performance.now();
      fn();
      return performance.now() - t;
    }),
  );
}
/** One line: the call's median and p95 beside the baseline's, timed alternately in the same run. */
function pair(label: string, r: { fn: number[]; base: number[] }, target: string, about: string, base = 'SQL'): void {
  const [f50, f95, b50, b95] = [median(r.fn), percentile(r.fn, 95), median(r.base), percentile(r.base, 95)];
  console.log(
    `${label.padEnd(LABEL)} p50 ${ms(f50).padStart(9)} p95 ${ms(f95).padStart(9)}   ${base.padStart(6)} p50 ${ms(b50).padStart(9)} p95 ${ms(b95).padStart(9)}   ` +
      `ratio ${(f50 / b50).toFixed(1).padStart(5)}× / ${(f95 / b95).toFixed(1).padStart(5)}×   target ${target}${about ? `   [${about}]` : ''}`,
  );
}

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
const minusYear = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/**
 * Issue 10's figures on `offices` offices (~4 people each), their visits and ratings, and
 * `referrals` referrals over five years (the issue's 50,000 / 200,000 / 2,000,000), seeded through
 * the write path with change records and kept between runs:
 * - the dashboard for 12-month windows (ending today, ending with the last complete month, a
 *   calendar year, two years back; for one liaison; for a territory by ZIP prefix and by city),
 *   median and p95 of `runs`, each beside a bare `SELECT office_id, count(*) … GROUP BY office_id`
 *   over the same window and filter, timed alternately in the same run;
 * - one office's scorecard (the busiest office, and the median referring office) beside a bare
 *   `count(*) … GROUP BY month` of its referrals;
 * - recording one referral through insertReferral (checks, write path, change record, the
 *   triggers' monthly counts) beside a plain INSERT of the same row with the triggers firing and
 *   into a twin table without them (the triggers' cost is the difference);
 * - the monthly count tables' rows beside the referrals', and the database's size.
 * Until the dashboard and the scorecards are built (they throw), their lines say so instead.
 */
export async function benchReferrals(size: ReferralBenchSize): Promise<void> {
  console.log(
    `--- Referrals: ${size.offices.toLocaleString()} offices × ~${size.peoplePerOffice} people, ~${size.visitsPerOffice} visits each, ${size.referrals.toLocaleString()} referrals over five years ---`,
  );
  const { dir, seed } = prepareReferralDir(size);
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
  try {
    await app.ctx.gate.health.check();
    const ctx: Ctx = app.ctx;
    const db = ctx.store.sqlite;
    // The seed's "today": a kept folder measured days later still asks about its own five years.
    const today = seed.counts.to;
    ctx.now = () => `${today}T15:00:00.000Z`;
    setMe(ctx, { name: 'Bench Manager', role: 'manager' });
    const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;

    // The seed's shape, so the figures can be read against it.
    const perOffice = (db.prepare("SELECT count(*) AS n FROM referrals WHERE direction = 'in' AND deleted_at IS NULL GROUP BY office_id ORDER BY n DESC").all() as { n: number }[]).map((r) => r.n);
    const topFifth = perOffice.slice(0, Math.ceil(perOffice.length / 5)).reduce((a, b) => a + b, 0) / perOffice.reduce((a, b) => a + b, 0);
    console.log(
      `  (${seed.counts.incoming.toLocaleString()} in from ${perOffice.length.toLocaleString()} referring offices, the top fifth sending ${(topFifth * 100).toFixed(0)}%, the busiest ${perOffice[0]?.toLocaleString()}, the median ${perOffice[Math.floor(perOffice.length / 2)]?.toLocaleString()}; ` +
        `${seed.counts.outgoing.toLocaleString()} out to ${seed.counts.partners} partners; ${seed.counts.atRisk.length} offices made at risk; ${seed.counts.from} to ${today})`,
    );

    // Aggregates and size.
    const referrals = count('SELECT count(*) AS n FROM referrals');
    const officeMonths = count('SELECT count(*) AS n FROM referral_office_months');
    const mixMonths = count('SELECT count(*) AS n FROM referral_mix_months');
    console.log(
      `  Monthly counts kept by the triggers: referral_office_months ${officeMonths.toLocaleString()} rows (${(referrals / officeMonths).toFixed(1)} referrals a row), ` +
        `referral_mix_months ${mixMonths.toLocaleString()} rows (${Math.round(referrals / mixMonths).toLocaleString()} a row), beside ${referrals.toLocaleString()} referrals`,
    );
    let sizes = '';
    try {
      const bytes = new Map((db.prepare('SELECT name, sum(pgsize) AS b FROM dbstat GROUP BY name').all() as { name: string; b: number }[]).map((r) => [r.name, r.b]));
      const of = (tbl: string) => {
        const names = [tbl, ...(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?").all(tbl) as { name: string }[]).map((i) => i.name)];
        return names.reduce((s, n) => s + (bytes.get(n) ?? 0), 0);
      };
      sizes = `; referrals with their indexes ${mb(of('referrals'))}, the change log ${mb(of('changes'))}, the monthly counts ${mb(of('referral_office_months') + of('referral_mix_months'))}`;
    } catch {
      // No dbstat in this driver build: the folder's size alone.
    }
    const changes = count('SELECT count(*) AS n FROM changes');
    console.log(`  Database: ${mb(dirBytes(dir))} on disk${sizes} (${changes.toLocaleString()} change records)`);
    console.log('');

    // (a) The dashboard for 12-month windows, each beside a bare count by office over the same rows.
    const lastComplete = monthEnd(monthBefore(today.slice(0, 7)));
    const busiest = db.prepare("SELECT liaison_id AS id, count(*) AS n FROM referrals WHERE direction = 'in' AND liaison_id IS NOT NULL GROUP BY liaison_id ORDER BY n DESC LIMIT 1").get() as { id: string; n: number };
    const city = (db.prepare("SELECT o.city AS c FROM referrals r JOIN offices o ON o.id = r.office_id WHERE r.direction = 'in' GROUP BY o.city ORDER BY count(*) DESC LIMIT 1").get() as { c: string }).c;
    const zip = (db.prepare("SELECT substr(o.zip, 1, 2) AS z FROM referrals r JOIN offices o ON o.id = r.office_id WHERE r.direction = 'in' GROUP BY z ORDER BY count(*) DESC LIMIT 1").get() as { z: string }).z;
    const year = Number(today.slice(0, 4)) - 1;
    const windows: { label: string; to: string; liaisonId?: string; territory?: string }[] = [
      { label: 'to today', to: today },
      { label: 'to the last complete month', to: lastComplete },
      { label: `calendar ${year}`, to: `${year}-12-31` },
      { label: 'two years back', to: monthEnd(monthBefore(lastComplete.slice(0, 7), 24)) },
      { label: 'to today, one liaison', to: today, liaisonId: busiest.id },
      { label: `to today, territory ZIP ${zip}…`, to: today, territory: zip },
      { label: `to today, territory ${city}`, to: today, territory: city },
      { label: `to today, one liaison in ZIP ${zip}…`, to: today, liaisonId: busiest.id, territory: zip },
    ];
    const BARE = "SELECT office_id, count(*) FROM referrals WHERE direction = 'in' AND received_on BETWEEN ? AND ? AND deleted_at IS NULL";
    // The floor the pre-aggregates allow: the same count by office from the monthly counts (whole months, so not quite the same rows).
    const FROM_MONTHS = "SELECT office_id, sum(received) FROM referral_office_months WHERE direction = 'in' AND month BETWEEN ? AND ?";
    /** A query over a window's rows with its liaison and territory filters, as the dashboard narrows them (a territory: a ZIP prefix or a city). */
    const narrowed = (base: string, w: (typeof windows)[number], from: string, to: string): { stmt: Statement; args: unknown[] } => {
      let sql = base;
      const args: unknown[] = [from, to];
      if (w.liaisonId) {
        sql += ' AND liaison_id = ?';
        args.push(w.liaisonId);
      }
      if (w.territory) {
        const byZip = /^\d{1,5}$/.test(w.territory);
        sql += byZip ? ' AND office_id IN (SELECT id FROM offices WHERE zip LIKE ?)' : ' AND office_id IN (SELECT id FROM offices WHERE lower(city) = ?)';
        args.push(byZip ? `${w.territory}%` : w.territory.toLowerCase());
      }
      return { stmt: db.prepare(`${sql} GROUP BY office_id`).raw(), args };
    };
    console.log(`Dashboard, 12-month windows (${size.runs} runs each, beside \`${BARE} GROUP BY office_id\` over the same window and filter, timed alternately):`);
    // The first request after start loads the in-memory model of the monthly counts; every later one reads it.
    {
      const t0 = performance.now();
      dashboard(ctx, DashboardQuery.parse({ from: minusYear(today), to: today }));
      console.log(`  first request after start (loads the monthly counts into memory): ${ms(performance.now() - t0)}`);
    }
    const allDash: number[] = [];
    const allBare: number[] = [];
    let notBuilt: string | null = null;
    let shown: Dashboard | null = null;
    for (const w of windows) {
      const q = DashboardQuery.parse({ from: minusYear(w.to), to: w.to, liaisonId: w.liaisonId, territory: w.territory ?? '' });
      const bare = narrowed(BARE, w, q.from, q.to);
      const rows = bare.stmt.all(...bare.args).length;
      const label = `  ${w.label}`;
      const floor = narrowed(FROM_MONTHS, w, q.from.slice(0, 7), q.to.slice(0, 7));
      const about = `${q.from} – ${q.to}, ${rows.toLocaleString()} offices; by office from referral_office_months, whole months: ${ms(medianOf(5, () => floor.stmt.all(...floor.args)))}`;
      if (!notBuilt) {
        const r = interleaved(size.runs, () => {
            const d = dashboard(ctx, q);
            if (w === windows[0]) shown = d;
          }, () => bare.stmt.all(...bare.args));
        if (!('error' in r)) {
          allDash.push(...r.fn);
          allBare.push(...r.base);
          pair(label, r, 'p95 < 200 ms', about);
          continue;
        }
        notBuilt = r.error;
        console.log(`  (the dashboard failed: "${r.error}")`);
      }
      console.log(`${label.padEnd(LABEL)} dashboard failed                    SQL p50 ${ms(medianOf(5, () => bare.stmt.all(...bare.args))).padStart(9)}   [${about}]`);
    }
    if (allDash.length) pair(`  every window above (${allDash.length} runs)`, { fn: allDash, base: allBare }, 'p95 < 200 ms', '');
    if (shown) {
      // What the first window showed, to read against the seed: the skew, the offices at risk, new and lost referrers.
      const d: Dashboard = shown;
      console.log(
        `  (to today it shows ${d.totals.received.toLocaleString()} received from ${d.totals.referringOffices.toLocaleString()} offices, the top fifth sending ${d.pareto.topFifthShare === null ? '—' : `${Math.round(d.pareto.topFifthShare * 100)}%`}; ` +
          `${d.atRisk.length} at risk, ${d.newReferrers.length} new and ${d.lostReferrers.length} lost referrers)`,
      );
    }
    console.log('');

    // (b) One office's scorecard, the busiest and a median one, beside a bare monthly count of its referrals.
    const from = minusYear(today);
    const ranked = db
      .prepare("SELECT office_id AS id, count(*) AS n FROM referrals WHERE direction = 'in' AND received_on BETWEEN ? AND ? AND deleted_at IS NULL GROUP BY office_id ORDER BY n DESC, office_id")
      .all(from, today) as { id: string; n: number }[];
    const BARE_CARD = "SELECT strftime('%Y-%m', received_on) AS month, count(*) FROM referrals WHERE office_id = ? AND direction = 'in' AND received_on BETWEEN ? AND ? AND deleted_at IS NULL GROUP BY month";
    const bareCard = db.prepare(BARE_CARD).raw();
    const cardMonths = db.prepare("SELECT month, sum(received), sum(seen), sum(lost) FROM referral_office_months WHERE office_id = ? AND direction = 'in' AND month BETWEEN ? AND ? GROUP BY month").raw();
    console.log(`One office's scorecard, ${from} – ${today} (${size.runs} runs each, beside \`${BARE_CARD}\`):`);
    for (const [label, o] of [
      ['the busiest office', ranked[0]],
      ['the median referring office', ranked[Math.floor(ranked.length / 2)]],
    ] as const) {
      if (!o) continue;
      const r = interleaved(size.runs, () => officeScorecard(ctx, o.id, { from, to: today }), () => bareCard.all(o.id, from, today));
      const about = `${o.n.toLocaleString()} referrals in the window; its months from referral_office_months: ${ms(medianOf(5, () => cardMonths.all(o.id, from.slice(0, 7), today.slice(0, 7))))}`;
      if ('error' in r) {
        console.log(`${`  ${label}`.padEnd(LABEL)} the scorecard failed ("${r.error}")   [${about}]`);
        continue;
      }
      pair(`  ${label}`, r, '< 20 ms', about);
    }
    console.log('');

    // (c) Recording one referral: the service, a plain insert with the triggers, a plain insert into a twin without them.
    const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').all('referrals') as { name: string }[]).map((c) => c.name);
    const schema = db.prepare("SELECT type, sql FROM sqlite_schema WHERE tbl_name = 'referrals' AND type IN ('table', 'index') AND sql IS NOT NULL").all() as { type: string; sql: string }[];
    for (const s of schema) db.exec(s.sql.replace(/\breferrals\b/g, 'bench_referrals_plain').replace(/\b(referrals_by_\w+)\b/g, 'plain_$1'));
    const insert = (tbl: string) => db.prepare(`INSERT INTO ${tbl} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
    const plainWith = insert('referrals');
    const plainWithout = insert('bench_referrals_plain');
    const begin = db.prepare('BEGIN IMMEDIATE');
    const commit = db.prepare('COMMIT');
    const candidates = db
      .prepare(
        `SELECT o.id AS officeId, o.owner_id AS owner, (SELECT p.id FROM people p WHERE p.office_id = o.id AND p.kind = 'physician' AND p.deleted_at IS NULL LIMIT 1) AS personId
         FROM offices o WHERE o.id IN (SELECT office_id FROM referrals WHERE direction = 'in' AND received_on >= ? GROUP BY office_id ORDER BY count(*) DESC LIMIT 200)
         AND o.archived_at IS NULL AND o.deleted_at IS NULL`,
      )
      .all(from) as { officeId: string; owner: string | null; personId: string | null }[];
    const service: number[] = [];
    const withTriggers: number[] = [];
    const withoutTriggers: number[] = [];
    const writes = Math.max(60, size.runs * 4);
    for (let i = 0; i < writes; i++) {
      const c = candidates[i % candidates.length]!;
      const input = ReferralCreate.parse({ receivedOn: today, officeId: c.officeId, personId: c.personId, serviceLine: 'Spine', referralCode: `RX-${String(10_000 + i)}`, contactedOn: today });
      let t = performance.now();
      insertReferral(ctx, input);
      service.push(performance.now() - t);
      const now = new Date().toISOString();
      const rowOf = () => ({
        id: newId(), direction: 'in', received_on: today, office_id: c.officeId, person_id: c.personId, source_kind: 'physician_office', service_line: 'Spine',
        referral_code: `RX-${String(10_000 + i)}`, source_id: null, status: 'contacted', contacted_on: today, scheduled_on: null, appointment_on: null, seen_on: null,
        note_sent_on: null, closed_on: null, lost_on: null, lost_reason: null, liaison_id: c.owner, notes: null, created_at: now, updated_at: now, deleted_at: null,
      });
      for (const [stmt, out] of [
        [plainWith, withTriggers],
        [plainWithout, withoutTriggers],
      ] as const) {
        const r = rowOf();
        t = performance.now();
        begin.run();
        stmt.run(r);
        commit.run();
        out.push(performance.now() - t);
      }
    }
    console.log(`Recording one referral (${writes} writes, each its own transaction; INSERT: a plain prepared insert of the same row, the triggers firing; bare: into a twin table with the same columns and indexes and no triggers):`);
    pair('  insertReferral', { fn: service, base: withTriggers }, '—', 'checks, write path, change record, monthly counts, commit and WAL checkpointer', 'INSERT');
    pair('  plain INSERT, triggers firing', { fn: withTriggers, base: withoutTriggers }, '—', 'the difference: the two monthly-count upserts', 'bare');
    console.log('');
  } finally {
    app.close();
  }
}
