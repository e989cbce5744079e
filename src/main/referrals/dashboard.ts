import type { z } from 'zod';
import { SOURCE_KIND_LABELS, SOURCE_KINDS, type SourceKind } from '../../shared/domain/referral';
import { atRiskOfTotals, judgedMonth, monthBefore, monthEnd, monthsBetween } from '../../shared/referrals/atRisk';
import { dayOf, systemZone } from '../../shared/visits/time';
import type { Dashboard, DashboardQuery } from '../../shared/referrals/contract';
import { estimatedRevenue, pareto } from '../../shared/referrals/measures';
import type { Ctx } from '../context';
import { toCsv } from '../csv/toCsv';
import { addWindow, monthIndex, referralMonths, type Sums } from './monthlyModel';
import { readReferralSettings } from './settings';

type Query = z.output<typeof DashboardQuery>;

/** A month index back to YYYY-MM. */
const monthOf = (i: number) => monthBefore('0000-01', -i);

/**
 * What narrows every query: the liaison a referral counted toward when it arrived ('' for nobody),
 * and the territory — a ZIP prefix or a city, as on the worklist — of the office it came from.
 */
function narrowing(q: Query): { liaison: string | null; territory: { sql: string; arg: string } | null } {
  const liaison = q.liaisonId === undefined ? null : q.liaisonId === 'none' ? '' : q.liaisonId;
  const t = q.territory.trim().toLowerCase();
  const territory = !t ? null : /^\d{1,5}$/.test(t) ? { sql: `o.zip LIKE ? || '%'`, arg: t } : { sql: `lower(o.city) = ?`, arg: t };
  return { liaison, territory };
}

/**
 * The manager's dashboard for a window of whole months (the period is widened to the months it
 * touches: the pre-aggregates count by received month, which is what keeps a 12-month window over
 * two million referrals fast). Per-office figures come from the in-memory model of the
 * trigger-kept `referral_office_months`, the mix from `referral_mix_months`; only a territory's mix
 * reads the referrals themselves (its offices' own rows), and the liaisons' visits the visits.
 */
export function dashboard(ctx: Ctx, q: Query): Dashboard {
  const { settings } = readReferralSettings(ctx);
  const [fromMonth, toMonth] = [q.from.slice(0, 7), q.to.slice(0, 7)];
  const months = monthsBetween(fromMonth, toMonth);
  const prevTo = monthBefore(fromMonth);
  const prevFrom = monthBefore(fromMonth, months.length);
  const { liaison, territory } = narrowing(q);
  const sqlite = ctx.store.sqlite;

  // The offices a territory holds; the at-risk list with a liaison judges the offices they own now.
  const inTerritory = territory ? new Set(sqlite.prepare(`SELECT id FROM offices o WHERE ${territory.sql}`).pluck().all(territory.arg) as string[]) : null;
  const owned = liaison !== null ? new Set(sqlite.prepare(`SELECT id FROM offices WHERE coalesce(owner_id, '') = ?`).pluck().all(liaison) as string[]) : null;

  const [from, to, prevFromI, prevToI] = [fromMonth, toMonth, prevFrom, prevTo].map(monthIndex) as [number, number, number, number];
  const today = dayOf(ctx.now(), q.zone ?? systemZone());
  const judged = judgedMonth(q.to, today);
  const [judgedI, trailingI] = [monthIndex(judged), monthIndex(monthBefore(judged, settings.atRisk.trailingMonths))];
  const byOffice = new Map<string, Sums>();
  const prevByOffice = new Map<string, number>();
  const byLiaison = new Map<string, { received: number; previous: number }>();
  const risk: { office: string; judged: number; trailing: number }[] = [];
  const earliest = new Map<string, number>();
  for (const [office, list] of referralMonths(ctx).offices()) {
    if (inTerritory && !inTerritory.has(office)) continue;
    const cur: Sums = { received: 0, seen: 0, lost: 0 };
    const prev: Sums = { received: 0, seen: 0, lost: 0 };
    const judgedSums: Sums = { received: 0, seen: 0, lost: 0 };
    const trailing: Sums = { received: 0, seen: 0, lost: 0 };
    let first = Infinity;
    for (const s of list) {
      // Whose referrals they were when they arrived decides the liaison's view; the office's whole volume decides its risk.
      addWindow(s, judgedI, judgedI, judgedSums);
      addWindow(s, trailingI, judgedI - 1, trailing);
      for (let k = 0; k < s.months.length; k++) if (s.received[k]! > 0) first = Math.min(first, s.months[k]!);
      if (liaison !== null && s.liaison !== liaison) continue;
      const c: Sums = { received: 0, seen: 0, lost: 0 };
      const p: Sums = { received: 0, seen: 0, lost: 0 };
      addWindow(s, from, to, c);
      addWindow(s, prevFromI, prevToI, p);
      for (const [into, from] of [[cur, c], [prev, p]] as const) {
        into.received += from.received;
        into.seen += from.seen;
        into.lost += from.lost;
      }
      const l = byLiaison.get(s.liaison) ?? { received: 0, previous: 0 };
      l.received += c.received;
      l.previous += p.received;
      if (c.received || p.received) byLiaison.set(s.liaison, l);
    }
    if (cur.received > 0) byOffice.set(office, cur);
    if (prev.received > 0) prevByOffice.set(office, prev.received);
    earliest.set(office, first);
    if ((!owned || owned.has(office)) && trailing.received >= settings.atRisk.minPerMonth * settings.atRisk.trailingMonths) {
      risk.push({ office, judged: judgedSums.received, trailing: trailing.received });
    }
  }

  // The mix and the monthly line: from the small mix table, or a territory's own rows, office by office
  // (CROSS JOIN keeps that order: walking the window's referrals by day and looking up each one's
  // office took seconds at two million).
  const mix = territory
    ? (sqlite
        .prepare(
          `SELECT substr(r.received_on, 1, 7) AS month, r.source_kind AS kind, r.service_line AS line, r.direction AS direction,
                  count(*) AS received, sum(r.seen_on IS NOT NULL) AS seen
           FROM offices o CROSS JOIN referrals r
           WHERE ${territory.sql} AND r.office_id = o.id AND r.direction IN ('in', 'out') AND r.deleted_at IS NULL
             AND r.received_on BETWEEN ? AND ?${liaison !== null ? ` AND coalesce(r.liaison_id, '') = ?` : ''}
           GROUP BY 1, 2, 3, 4`,
        )
        .all(territory.arg, `${fromMonth}-01`, monthEnd(toMonth), ...(liaison !== null ? [liaison] : [])) as MixRow[])
    : (sqlite
        .prepare(
          `SELECT a.month, a.source_kind AS kind, a.service_line AS line, a.direction, sum(a.received) AS received, sum(a.seen) AS seen
           FROM referral_mix_months a WHERE a.month BETWEEN ? AND ?${liaison !== null ? ' AND a.liaison_id = ?' : ''} GROUP BY 1, 2, 3, 4`,
        )
        .all(fromMonth, toMonth, ...(liaison !== null ? [liaison] : [])) as MixRow[]);
  const incoming = mix.filter((m) => m.direction === 'in' && m.received !== 0);
  const sum = <K extends string>(rows: MixRow[], key: (m: MixRow) => K) => {
    const out = new Map<K, { received: number; seen: number }>();
    for (const m of rows) {
      const k = key(m);
      const v = out.get(k) ?? { received: 0, seen: 0 };
      v.received += m.received;
      v.seen += m.seen;
      out.set(k, v);
    }
    return out;
  };
  const monthlyMap = sum(incoming, (m) => m.month);
  const kinds = sum(incoming, (m) => m.kind as SourceKind);
  const lines = sum(incoming, (m) => m.line);

  const counts = [...byOffice.values()];
  const received = counts.reduce((a, o) => a + o.received, 0);
  const seen = counts.reduce((a, o) => a + o.seen, 0);
  const lost = counts.reduce((a, o) => a + o.lost, 0);

  // Ranked by referrals, ties sharing a rank (1, 2, 2, 4) and listed by name.
  const ranked = [...byOffice.entries()].sort((a, b) => b[1].received - a[1].received);
  const topIds = ranked.slice(0, q.topN).map(([id]) => id);

  // At risk: the last complete month of the window against the trailing months before it, by the
  // office's current owner (the liaison whose worklist it moves up), with the same rule as the worklist.
  const atRisk = risk
    .flatMap((r) => {
      const a = atRiskOfTotals(judged, r.judged, r.trailing, settings.atRisk);
      return a ? [{ office: r.office, ...a }] : [];
    })
    .sort((a, b) => a.change - b.change || b.trailingAverage - a.trailingAverage)
    .slice(0, 100);

  // New referrers: none before the window (only offices silent in the previous period can be new).
  const fresh = ranked.filter(([id]) => (earliest.get(id) ?? Infinity) >= from).slice(0, 100);
  const lostOffices = [...prevByOffice.entries()].filter(([id, n]) => n > 0 && !byOffice.has(id)).sort((a, b) => b[1] - a[1]).slice(0, 100);

  const names = officeNames(ctx, [...topIds, ...atRisk.map((r) => r.office), ...fresh.map(([id]) => id), ...lostOffices.map(([id]) => id)]);
  const ref = (id: string) => {
    const o = names.get(id);
    return { officeId: id, officeName: o?.name ?? 'A deleted office', liaisonName: o?.liaison ?? null, city: o?.city ?? null };
  };

  let rank = 0;
  const top = ranked.slice(0, q.topN).map(([id, o], i) => {
    if (i === 0 || ranked[i - 1]![1].received !== o.received) rank = i + 1;
    const prev = prevByOffice.get(id) ?? 0;
    return {
      ...ref(id), rank, received: o.received, seen: o.seen, share: received ? o.received / received : 0, previous: prev,
      change: prev > 0 ? o.received / prev - 1 : null, conversion: o.received ? o.seen / o.received : null,
    };
  });
  // Equal counts share a rank; among them, by name, so the order never depends on the database's.
  top.sort((a, b) => a.rank - b.rank || a.officeName.localeCompare(b.officeName));

  const p = pareto(counts.map((o) => o.received));
  const fifth = Math.ceil(counts.length * 0.2);
  const sortedCounts = counts.map((o) => o.received).sort((a, b) => b - a);
  const topFifth = sortedCounts.slice(0, fifth).reduce((a, b) => a + b, 0);

  return {
    // Never past today: the window's last month may be under way.
    period: { from: `${fromMonth}-01`, to: monthEnd(toMonth) < today ? monthEnd(toMonth) : today, previousFrom: `${prevFrom}-01`, previousTo: monthEnd(prevTo) },
    totals: {
      received, seen, lost,
      conversion: { value: received ? seen / received : null, numerator: seen, denominator: received },
      referringOffices: counts.length,
      sent: mix.filter((m) => m.direction === 'out').reduce((a, m) => a + m.received, 0),
      previousReceived: [...prevByOffice.values()].reduce((a, b) => a + b, 0),
      estimatedRevenue: estimatedRevenue(incoming.map((m) => ({ serviceLine: m.line, count: m.seen })), settings.expectedCents),
    },
    monthly: months.map((month) => ({ month, received: monthlyMap.get(month)?.received ?? 0, seen: monthlyMap.get(month)?.seen ?? 0 })),
    top,
    pareto: {
      share: p.share,
      offices: p.offices,
      referringOffices: counts.length,
      topFifthShare: received ? topFifth / received : null,
      curve: thin(p.points),
    },
    atRisk: atRisk.map((r) => ({ ...ref(r.office), month: r.month, count: r.count, trailingAverage: r.trailingAverage, change: r.change })),
    newReferrers: fresh.map(([id, o]) => ({ ...ref(id), received: o.received, firstMonth: monthOf(earliest.get(id)!) })),
    lostReferrers: lostOffices.map(([id, n]) => ({ ...ref(id), previous: n })),
    bySourceKind: SOURCE_KINDS.flatMap((k) => {
      const v = kinds.get(k);
      return v && v.received > 0 ? [{ sourceKind: k, label: SOURCE_KIND_LABELS[k], received: v.received, seen: v.seen }] : [];
    }).sort((a, b) => b.received - a.received),
    byServiceLine: [...lines.entries()]
      .filter(([, v]) => v.received > 0)
      .map(([serviceLine, v]) => ({ serviceLine, received: v.received, seen: v.seen }))
      .sort((a, b) => b.received - a.received || a.serviceLine.localeCompare(b.serviceLine)),
    liaisons: liaisonRows(ctx, q, liaison, today, byLiaison, territory),
  };
}

interface MixRow {
  month: string;
  kind: string;
  line: string;
  direction: string;
  received: number;
  seen: number;
}

/** The Pareto curve thinned to at most ~100 points (a chart has no use for 40,000), always keeping the last. */
function thin(points: { offices: number; referrals: number }[]): { officeShare: number; referralShare: number }[] {
  if (points.length === 0) return [];
  const step = Math.max(1, Math.ceil(points.length / 100));
  const kept = points.filter((_, i) => (i + 1) % step === 0 || i === points.length - 1);
  return [{ officeShare: 0, referralShare: 0 }, ...kept.map((p) => ({ officeShare: p.offices, referralShare: p.referrals }))];
}

function officeNames(ctx: Ctx, ids: string[]): Map<string, { name: string; city: string | null; liaison: string | null }> {
  const unique = [...new Set(ids)];
  const out = new Map<string, { name: string; city: string | null; liaison: string | null }>();
  if (!unique.length) return out;
  const rows = ctx.store.sqlite
    .prepare(`SELECT o.id, o.name, o.city, m.name AS liaison FROM json_each(?) j JOIN offices o ON o.id = j.value LEFT JOIN team_members m ON m.id = o.owner_id`)
    .all(JSON.stringify(unique)) as { id: string; name: string; city: string | null; liaison: string | null }[];
  for (const r of rows) out.set(r.id, r);
  return out;
}

/** Each liaison's completed visits a week in the window, offices they own now, and their referrals against the previous period. */
function liaisonRows(
  ctx: Ctx,
  q: Query,
  wanted: string | null,
  today: string,
  byLiaison: Map<string, { received: number; previous: number }>,
  territory: { sql: string; arg: string } | null,
): Dashboard['liaisons'] {
  const from = `${q.from.slice(0, 7)}-01`;
  // Weeks that have happened: a window ending this month counts its visits a week so far.
  const to = monthEnd(q.to.slice(0, 7)) < today ? monthEnd(q.to.slice(0, 7)) : today;
  const weeks = Math.max(1, (Date.parse(to) - Date.parse(from) + 86_400_000) / (7 * 86_400_000));
  const sqlite = ctx.store.sqlite;
  // Visits' instants are UTC; a day either side of the window is within a week's rounding.
  const visits = new Map(
    (sqlite
      .prepare(
        // A territory's visits office by office (CROSS JOIN keeps that order), not a year's visits each looked up.
        `SELECT v.liaison_id AS id, count(*) AS n FROM ${territory ? `offices o CROSS JOIN visits v` : 'visits v'}
         WHERE ${territory ? `${territory.sql} AND v.office_id = o.id AND ` : ''}v.deleted_at IS NULL AND v.status = 'completed' AND v.starts_at >= ? AND v.starts_at < ? GROUP BY v.liaison_id`,
      )
      .all(...(territory ? [territory.arg] : []), from, `${to}T23:59:59.999Z`) as { id: string | null; n: number }[]).map((r) => [r.id ?? '', r.n]),
  );
  const owned = new Map(
    (sqlite
      .prepare(`SELECT coalesce(o.owner_id, '') AS id, count(*) AS n FROM offices o WHERE o.deleted_at IS NULL AND o.archived_at IS NULL${territory ? ` AND ${territory.sql}` : ''} GROUP BY 1`)
      .all(...(territory ? [territory.arg] : [])) as { id: string; n: number }[]).map((r) => [r.id, r.n]),
  );
  const members = sqlite.prepare(`SELECT id, name, role FROM team_members WHERE deleted_at IS NULL`).all() as { id: string; name: string; role: string }[];
  const ids = new Set<string>([...byLiaison.keys(), ...visits.keys(), ...members.filter((m) => m.role === 'liaison').map((m) => m.id)]);
  return [...ids]
    .filter((id) => wanted === null || id === wanted)
    .map((id) => {
      const r = byLiaison.get(id) ?? { received: 0, previous: 0 };
      const n = visits.get(id) ?? 0;
      return {
        liaisonId: id || null,
        name: id ? (members.find((m) => m.id === id)?.name ?? 'A former member') : 'Unassigned',
        visits: n,
        visitsPerWeek: Math.round((n / weeks) * 10) / 10,
        offices: owned.get(id) ?? 0,
        received: r.received,
        previous: r.previous,
        growth: r.previous > 0 ? r.received / r.previous - 1 : null,
      };
    })
    .filter((l) => l.received > 0 || l.previous > 0 || l.visits > 0 || l.offices > 0)
    .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name));
}

const pct = (x: number | null) => (x === null ? '' : `${Math.round(x * 1000) / 10}%`);

/** The dashboard as the spreadsheet a manager forwards: one section per table, each with its own header. */
export function dashboardCsv(ctx: Ctx, q: Query): { csv: string; fileName: string } {
  const d = dashboard(ctx, { ...q, topN: 200 });
  // Sections of different widths in one sheet: the first row is the first section's title.
  const rows: (string | number)[][] = [];
  const section = (title: string, header: string[], body: (string | number)[][]) => {
    rows.push([title], header, ...body, []);
  };
  section('Period', ['From', 'To', 'Received', 'Seen', 'Conversion', 'Referring offices', 'Previous period received', 'Sent to partners'], [
    [d.period.from, d.period.to, d.totals.received, d.totals.seen, pct(d.totals.conversion.value), d.totals.referringOffices, d.totals.previousReceived, d.totals.sent],
  ]);
  section('Top referrers', ['Rank', 'Office', 'Liaison', 'City', 'Received', 'Share', 'Previous period', 'Change', 'Conversion'],
    d.top.map((t) => [t.rank, t.officeName, t.liaisonName ?? '', t.city ?? '', t.received, pct(t.share), t.previous, pct(t.change), pct(t.conversion)]));
  section('Pareto', ['Referring offices', 'Offices sending 80%', 'Share of offices sending 80%', 'Share sent by the top 20%'], [
    [d.pareto.referringOffices, d.pareto.offices, pct(d.pareto.share), pct(d.pareto.topFifthShare)],
  ]);
  section('At risk', ['Office', 'Liaison', 'Month', 'Referrals', 'Trailing average', 'Change'],
    d.atRisk.map((r) => [r.officeName, r.liaisonName ?? '', r.month, r.count, Math.round(r.trailingAverage * 10) / 10, pct(r.change)]));
  section('New referrers', ['Office', 'Liaison', 'First month', 'Received'], d.newReferrers.map((r) => [r.officeName, r.liaisonName ?? '', r.firstMonth, r.received]));
  section('Lost referrers', ['Office', 'Liaison', 'Previous period'], d.lostReferrers.map((r) => [r.officeName, r.liaisonName ?? '', r.previous]));
  section('By source kind', ['Source kind', 'Received', 'Seen'], d.bySourceKind.map((r) => [r.label, r.received, r.seen]));
  section('By service line', ['Service line', 'Received', 'Seen'], d.byServiceLine.map((r) => [r.serviceLine, r.received, r.seen]));
  section('Liaisons', ['Liaison', 'Visits', 'Visits per week', 'Offices', 'Received', 'Previous period', 'Growth'],
    d.liaisons.map((l) => [l.name, l.visits, l.visitsPerWeek, l.offices, l.received, l.previous, pct(l.growth)]));
  const width = Math.max(...rows.map((r) => r.length));
  return {
    csv: toCsv(rows[0]!.map(String).concat(Array(width - 1).fill('')), rows.slice(1).map((r) => [...r.map(String), ...Array(width - r.length).fill('')])),
    fileName: `Referral dashboard ${d.period.from} to ${d.period.to}.csv`,
  };
}
