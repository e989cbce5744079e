import { startApp } from '../../src/main/app';
import { dispatch } from '../../src/main/dispatch';
import { setMe } from '../../src/main/team/me';
import { updateRow } from '../../src/main/db/writePath';
import { readReferralSettings } from '../../src/main/referrals/settings';
import { seedReferralHistory } from './referralHistory';
import { logVisit } from '../../src/main/visits/service';
import { Worklist } from '../../src/main/visits/worklist';
import { VisitLog } from '../../src/shared/domain/visit';
import { newId } from '../../src/shared/ids';
import { planRoute } from '../../src/shared/visits/route';
import { dayBounds, systemZone } from '../../src/shared/visits/time';
import { insertSeed } from '../../scripts/seed/insert';
import { insertVisitHistory } from '../../scripts/seed/visits';
import { scratchDir } from './folders';
import { median, ms, percentile, row, timeEach } from './stats';

/**
 * Issue 8's figures on their own directory: `offices` offices with ~`perOffice` visits each
 * (the issue's 50,000 × 10 = 500,000), seeded through the write path.
 * - the worklist: p95 of varied queries (whose, tier, territory, due this week) and after a visit
 *   is logged, beside a bare SQL `GROUP BY office` for the last touch over the same rows, with a
 *   fifth of the offices sending referrals (some of them falling, so at risk and pulled forward);
 *   and after the at-risk rule changes (every office re-judged), beside the bare monthly sum;
 * - a month of one liaison's calendar through the API, beside the same SQL on a raw statement;
 * - a day route of 25 stops (the pure ordering, and the whole `route.day` call), beside
 *   working out the 25×25 distances alone;
 * - logging a visit through its service (validation, checks, visit, touch, change log) beside a
 *   plain insert of the same two rows in their own transaction.
 */
export async function benchVisits(offices: number, perOffice: number): Promise<void> {
  console.log(`--- Visits: ${offices.toLocaleString()} offices × ~${perOffice} visits ---`);
  const dir = scratchDir('visits');
  const app = startApp({ dataDir: dir, mode: 'browser', version: 'bench' });
  try {
    const { ctx, handlers } = app;
    const call = async (method: string, input: unknown) => {
      const r = await dispatch(handlers, method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value;
    };
    const t0 = performance.now();
    insertSeed(ctx, offices, 1, 42, () => {});
    const v = insertVisitHistory(ctx, perOffice, 42);
    const db = ctx.store.sqlite;
    const busiest = db.prepare('SELECT owner_id AS id, count(*) AS n FROM offices WHERE owner_id IS NOT NULL GROUP BY owner_id ORDER BY n DESC LIMIT 1').get() as { id: string; n: number };
    const me = db.prepare('SELECT name FROM team_members WHERE id = ?').get(busiest.id) as { name: string };
    setMe(ctx, { name: me.name, role: 'liaison' });
    db.pragma('optimize');
    console.log(
      `Seed: ${offices.toLocaleString()} offices, ${v.visits.toLocaleString()} visits, ${v.touches.toLocaleString()} touches, ${v.tasks.toLocaleString()} tasks in ${((performance.now() - t0) / 1000).toFixed(1)} s; me = ${me.name} (${busiest.n.toLocaleString()} offices)`,
    );
    const zone = systemZone();
    const sent = seedReferralHistory(ctx, 5, 42);
    console.log(`Referrals: ${sent.referrals.toLocaleString()} incoming over 7 months from ${sent.offices.toLocaleString()} offices, ${sent.falling.toLocaleString()} of them falling`);

    // The worklist.
    const lastTouch = db.prepare('SELECT office_id, max(day) FROM touches GROUP BY office_id').raw();
    const baseline = timeEach(15, () => lastTouch.all());
    // A request before the model is loaded loads it at once; the app warms it in slices instead (below).
    let cold = performance.now();
    await call('worklist.query', { liaison: 'me', zone, limit: 100 });
    cold = performance.now() - cold;
    const queries = [
      { liaison: 'me' },
      { liaison: 'all' },
      { liaison: 'all', tier: ['A'] },
      { liaison: 'me', territory: '43' },
      { liaison: 'all', territory: 'Columbus' },
      { liaison: 'me', show: 'week', stage: ['established', 'new'] },
    ];
    const warm: number[] = [];
    for (let i = 0; i < 60; i++) {
      const q = queries[i % queries.length]!;
      const t = performance.now();
      await call('worklist.query', { ...q, zone, limit: 100 });
      warm.push(performance.now() - t);
    }
    const some = (await call('worklist.query', { liaison: 'me', zone, limit: 20 })) as { rows: { officeId: string }[] };
    const afterLog: number[] = [];
    for (let i = 0; i < 20; i++) {
      const officeId = some.rows[i % some.rows.length]!.officeId;
      logVisit(ctx, VisitLog.parse({ officeId, startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() - 1_800_000).toISOString(), zone }));
      const t = performance.now();
      await call('worklist.query', { liaison: 'me', zone, limit: 100 });
      afterLog.push(performance.now() - t);
    }
    row('Worklist, p95 of 60 varied queries', ms(percentile(warm, 95)), `${ms(median(baseline))} SQL`, percentile(warm, 95) / median(baseline), '< 30 ms');
    row('Worklist after a visit is logged, p95', ms(percentile(afterLog, 95)), `${ms(median(baseline))} SQL`, percentile(afterLog, 95) / median(baseline), '< 30 ms');
    // A changed at-risk rule re-judges every office from the monthly pre-aggregate (so does the first request of a month).
    const monthly = db.prepare(`SELECT office_id, month, sum(received) FROM referral_office_months WHERE direction = 'in' AND month BETWEEN ? AND ? GROUP BY office_id, month`).raw();
    const sumBaseline = timeEach(15, () => monthly.all(sent.months[0], sent.months.at(-1)));
    const rejudged: number[] = [];
    for (let i = 0; i < 6; i++) {
      const settings = readReferralSettings(ctx).settings;
      updateRow(ctx, 'settings', 'referral_settings', { value: JSON.stringify({ ...settings, atRisk: { ...settings.atRisk, dropShare: i % 2 ? 0.3 : 0.35 } }) });
      const t = performance.now();
      await call('worklist.query', { liaison: 'me', zone, limit: 100 });
      rejudged.push(performance.now() - t);
    }
    row('Worklist after the at-risk rule changes, p95', ms(percentile(rejudged, 95)), `${ms(median(sumBaseline))} SQL`, percentile(rejudged, 95) / median(sumBaseline), 'once a month');
    // The app's own warm-up: in slices between requests; the longest time the event loop was held.
    let longest = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 1);
    const model = new Worklist(ctx);
    const tWarm = performance.now();
    await model.warm();
    const warmMs = performance.now() - tWarm;
    clearInterval(ticker);
    console.log(
      `  (the worklist model's first load: ${ms(cold)} when a request finds it unloaded; the app loads it in slices shortly after start instead: ${ms(warmMs)} in all, holding the event loop at most ${ms(longest)})`,
    );

    // A month of one liaison's calendar.
    const now = new Date();
    const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const from = dayBounds(`${month}-01`, zone).start;
    const to = new Date(Date.parse(from) + 31 * 86_400_000).toISOString();
    // The irreducible read: the month's rows off the index, no names, no JSON.
    const monthSql = db.prepare(
      `SELECT id, office_id, liaison_id, status, starts_at, ends_at, pinned FROM visits
       WHERE deleted_at IS NULL AND liaison_id = ? AND starts_at < ? AND starts_at > ? AND ends_at > ? ORDER BY starts_at`,
    );
    const earliest = new Date(Date.parse(from) - 12 * 3_600_000).toISOString();
    const calBase = timeEach(30, () => monthSql.all(busiest.id, to, earliest, from));
    const cal: number[] = [];
    let events = 0;
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      events = ((await call('visits.range', { from, to, liaison: 'me' })) as unknown[]).length;
      cal.push(performance.now() - t);
    }
    row(`Calendar month, one liaison (${events.toLocaleString()} visits), p95`, ms(percentile(cal, 95)), `${ms(median(calBase))} SQL`, percentile(cal, 95) / median(calBase), '< 50 ms');

    // Routing 25 stops.
    const r = (() => {
      let a = 7;
      return () => ((a = (a * 16807) % 2147483647) / 2147483647);
    })();
    const cases = Array.from({ length: 50 }, () => Array.from({ length: 25 }, (_, k) => ({ id: `s${k}`, lat: 39.8 + r() * 0.4, lng: -83.2 + r() * 0.5 })));
    const start = { lat: 39.96, lng: -82.99 };
    const matrix = timeEach(50, (i) => {
      const pts = [start, ...cases[i]!];
      let sum = 0;
      for (const p of pts) for (const q of pts) sum += Math.hypot(p.lat - q.lat, p.lng - q.lng);
      return sum;
    });
    const routes = timeEach(50, (i) => planRoute(start, cases[i]!));
    row('Route, 25 stops ordered, p95', ms(percentile(routes, 95)), `${ms(median(matrix))} dist.`, percentile(routes, 95) / median(matrix), '< 50 ms');
    // The whole call: a day of 25 planned visits read, placed by ZIP and ordered.
    const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const { start: dayStart } = dayBounds(day, zone);
    const stops = db.prepare('SELECT id FROM offices WHERE owner_id = ? AND zip IS NOT NULL LIMIT 25').pluck().all(busiest.id) as string[];
    await call('team.update', { id: busiest.id, patch: { routeStart: { label: 'Home', zip: '43215' } } });
    for (const [k, officeId] of stops.entries()) {
      const s = new Date(Date.parse(dayStart) + (8 * 60 + k * 20) * 60_000).toISOString();
      await call('visits.plan', { officeId, startsAt: s, endsAt: new Date(Date.parse(s) + 15 * 60_000).toISOString(), outsideHoursOk: true, zone });
    }
    const dayCalls: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await call('route.day', { day, zone });
      dayCalls.push(performance.now() - t);
    }
    console.log(`  (the whole route.day call for 25 planned visits, read and placed by ZIP: p95 ${ms(percentile(dayCalls, 95))})`);

    // Logging a visit: the service vs a plain insert of the same two rows.
    const ids = db.prepare('SELECT id FROM offices LIMIT 2000').pluck().all() as string[];
    const insVisit = db.prepare(
      `INSERT INTO visits (id, office_id, liaison_id, status, starts_at, ends_at, pinned, purpose, seen, left_items, notes, reason, sequence, created_at, updated_at, deleted_at)
       VALUES (?, ?, ?, 'completed', ?, ?, 0, 'relationship', '[]', '["Referral pads"]', 'Met the office manager', NULL, 0, ?, ?, NULL)`,
    );
    const insTouch = db.prepare(`INSERT INTO touches (id, office_id, kind, day, at, by_id, visit_id, notes, reverses, created_at) VALUES (?, ?, 'visit', ?, ?, ?, ?, NULL, NULL, ?)`);
    const begin = db.prepare('BEGIN');
    const commit = db.prepare('COMMIT');
    const service: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const startsAt = new Date(Date.now() - 86_400_000 - i * 1000).toISOString();
      const endsAt = new Date(Date.parse(startsAt) + 1_800_000).toISOString();
      const input = VisitLog.parse({ officeId: ids[i], startsAt, endsAt, purpose: 'relationship', leftItems: ['Referral pads'], notes: 'Met the office manager', zone });
      service.push(...timeEach(1, () => logVisit(ctx, input)));
      plain.push(
        ...timeEach(1, () => {
          const id = newId();
          const at = new Date().toISOString();
          begin.run();
          insVisit.run(id, ids[i], busiest.id, startsAt, endsAt, at, at);
          insTouch.run(newId(), ids[i], startsAt.slice(0, 10), startsAt, busiest.id, id, at);
          commit.run();
        }),
      );
    }
    row('Log a visit through its service, median', ms(median(service)), `${ms(median(plain))} plain`, median(service) / median(plain), '≤ 2×');
    console.log('');
  } finally {
    app.close();
  }
}
