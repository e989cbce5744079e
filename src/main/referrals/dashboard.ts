import type { z } from 'zod';
import { zipPrefixRange } from '../../shared/domain/zip';
import { SOURCE_KIND_LABELS, SOURCE_KINDS, type SourceKind } from '../../shared/domain/referral';
import { atRiskOfTotals, judgedMonth, monthBefore, monthEnd, monthsBetween } from '../../shared/referrals/atRisk';
import { dayOf, systemZone } from '../../shared/visits/time';
import type { Dashboard, DashboardQuery } from '../../shared/referrals/contract';
import { estimatedRevenue, pareto } from '../../shared/referrals/measures';
import type { Ctx } from '../context';
import { toCsv } from '../csv/toCsv';
import { monthIndex, referralMonths, startAt, type Sums } from './monthlyModel';
import { readReferralSettings } from './settings';

type Query = z.output<typeof DashboardQuery>;

/** A month index back to YYYY-MM. */
const monthOf = (i: number) => monthBefore('0000-01', -i);

/** The offices of a territory, looked up once and handed to every query that narrows by it. */
interface Territory {
  ids: ReadonlySet<string>;
  /** the ids as a JSON array, for `json_each(?)` */
  json: string;
}

/**
 * What narrows every query: the liaison a referral counted toward when it arrived ('' for nobody),
 * and the territory — a ZIP prefix or a city, as on the worklist — of the office it came from,
 * found through the ZIP and city indexes (0008): a scan of every office took ~35 ms, once per query.
 */
function narrowing(ctx: Ctx, q: Query): { liaison: string | null; territory: Territory | null } {
  const liaison = q.liaisonId === undefined ? null : q.liaisonId === 'none' ? '' : q.liaisonId;
  const t = q.territory.trim().toLowerCase();
  if (!t) return { liaison, territory: null };
  const zip = /^\d{1,5}$/.test(t) ? zipPrefixRange(t) : null;
  const rows = (
    zip ? ctx.store.readRaw(`SELECT id FROM offices WHERE zip >= ? AND zip < ?`).all(zip.from, zip.to) : ctx.store.readRaw(`SELECT id FROM offices WHERE lower(city) = ?`).all(t)
  ) as [string][];
  const ids = rows.map((r) => r[0]);
  return { liaison, territory: { ids: new Set(ids), json: JSON.stringify(ids) } };
}

/**
 * The manager's dashboard for a window of whole months (the period is widened to the months it
 * touches: the pre-aggregates count by received month, which is what keeps a 12-month window over
 * two million referrals fast). Per-office figures come from the in-memory model of the
 * trigger-kept `referral_office_months`, the mix from `referral_mix_months`, the liaisons' visits
 * from `visit_liaison_months`; only a territory's mix and visits read the rows themselves (its
 * offices' own, through their indexes), and so does the part-month a month under way is compared with.
 */
export function dashboard(ctx: Ctx, q: Query): Dashboard {
  const { settings } = readReferralSettings(ctx);
  const [fromMonth, toMonth] = [q.from.slice(0, 7), q.to.slice(0, 7)];
  const months = monthsBetween(fromMonth, toMonth);
  const prevTo = monthBefore(fromMonth);
  const prevFrom = monthBefore(fromMonth, months.length);
  const { liaison, territory } = narrowing(ctx, q);

  // The at-risk list with a liaison judges the offices they own now (from the owner index alone).
  const inTerritory = territory?.ids ?? null;
  const owned =
    liaison === null
      ? null
      : new Set(((liaison ? ctx.store.readRaw(`SELECT id FROM offices WHERE owner_id = ?`).all(liaison) : ctx.store.readRaw(`SELECT id FROM offices WHERE owner_id IS NULL`).all()) as [string][]).map((r) => r[0]));

  const [from, to, prevFromI, prevToI] = [fromMonth, toMonth, prevFrom, prevTo].map(monthIndex) as [number, number, number, number];
  const today = dayOf(ctx.now(), q.zone ?? systemZone());
  // A window ending in a month still under way is compared with the previous period cut at the same
  // day of its last month: this month's 24 days against a whole month would read as a fall.
  const cut = toMonth === today.slice(0, 7) ? today.slice(8, 10) : null;
  const previousTo = cut && `${prevTo}-${cut}` < monthEnd(prevTo) ? `${prevTo}-${cut}` : monthEnd(prevTo);
  const prevWholeToI = previousTo === monthEnd(prevTo) ? prevToI : prevToI - 1;
  const prevPart = previousTo === monthEnd(prevTo) ? null : partMonth(ctx, `${prevTo}-01`, previousTo, territory);
  const judged = judgedMonth(q.to, today);
  const [judgedI, trailingI] = [monthIndex(judged), monthIndex(monthBefore(judged, settings.atRisk.trailingMonths))];
  // Per office, only arrays: at two million referrals ~17,000 offices refer in a year, and two
  // string-keyed maps of them cost more (~25 ms) than the walk over their months.
  const referring: Referring[] = [];
  const lostOffices: { office: string; previous: number }[] = [];
  const byLiaison = new Map<string, { received: number; previous: number }>();
  const risk: { office: string; judged: number; trailing: number }[] = [];
  // One pass over each series' months from the earliest month any window needs to the latest.
  const lo = Math.min(prevFromI, trailingI);
  const hi = Math.max(to, judgedI);
  const riskFloor = settings.atRisk.minPerMonth * settings.atRisk.trailingMonths;
  for (const [office, list] of referralMonths(ctx).offices()) {
    if (inTerritory && !inTerritory.has(office)) continue;
    let received = 0;
    let seen = 0;
    let lost = 0;
    let previous = 0;
    let judgedN = 0;
    let trailingN = 0;
    let first = Infinity;
    for (const s of list) {
      // Whose referrals they were when they arrived decides the liaison's view; the office's whole volume decides its risk.
      const counted = liaison === null || s.liaison === liaison;
      first = Math.min(first, s.first);
      const { months, received: r } = s;
      let c = 0;
      let p = 0;
      for (let k = startAt(months, lo); k < months.length; k++) {
        const month = months[k]!;
        if (month > hi) break;
        const n = r[k]!;
        if (month === judgedI) judgedN += n;
        else if (month >= trailingI && month < judgedI) trailingN += n;
        if (!counted) continue;
        if (month >= from && month <= to) {
          c += n;
          seen += s.seen[k]!;
          lost += s.lost[k]!;
        } else if (month >= prevFromI && month <= prevWholeToI) p += n;
      }
      if (!counted) continue;
      p += prevPart?.get(office)?.get(s.liaison) ?? 0;
      received += c;
      previous += p;
      if (c || p) {
        const l = byLiaison.get(s.liaison);
        if (l) {
          l.received += c;
          l.previous += p;
        } else byLiaison.set(s.liaison, { received: c, previous: p });
      }
    }
    if (received > 0) referring.push({ office, received, seen, lost, previous, first });
    else if (previous > 0) lostOffices.push({ office, previous });
    if ((!owned || owned.has(office)) && trailingN >= riskFloor) risk.push({ office, judged: judgedN, trailing: trailingN });
  }

  // The mix and the monthly line: from the small mix table, or a territory's own rows, office by office
  // (CROSS JOIN keeps that order: walking the window's referrals by day and looking up each one's
  // office took seconds at two million).
  const mix = territory
    ? (ctx.store
        .read(
          `SELECT substr(r.received_on, 1, 7) AS month, r.source_kind AS kind, r.service_line AS line, r.direction AS direction,
                  count(*) AS received, sum(r.seen_on IS NOT NULL) AS seen
           FROM json_each(?) o CROSS JOIN referrals r
           WHERE r.office_id = o.value AND r.direction IN ('in', 'out') AND r.deleted_at IS NULL
             AND r.received_on BETWEEN ? AND ?${liaison !== null ? ` AND coalesce(r.liaison_id, '') = ?` : ''}
           GROUP BY 1, 2, 3, 4`,
        )
        .all(territory.json, `${fromMonth}-01`, monthEnd(toMonth), ...(liaison !== null ? [liaison] : [])) as MixRow[])
    : (ctx.store
        .read(
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

  let [received, seen, lost, previousReceived] = [0, 0, 0, 0];
  for (const o of referring) {
    received += o.received;
    seen += o.seen;
    lost += o.lost;
    previousReceived += o.previous;
  }
  for (const o of lostOffices) previousReceived += o.previous;

  // Ranked by referrals, ties sharing a rank (1, 2, 2, 4) and listed by name.
  const ranked = referring.sort((a, b) => b.received - a.received);
  const topIds = ranked.slice(0, q.topN).map((o) => o.office);

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
  const fresh = ranked.filter((o) => o.first >= from).slice(0, 100);
  const lostTop = lostOffices.sort((a, b) => b.previous - a.previous).slice(0, 100);

  const names = officeNames(ctx, [...topIds, ...atRisk.map((r) => r.office), ...fresh.map((o) => o.office), ...lostTop.map((o) => o.office)]);
  const ref = (id: string) => {
    const o = names.get(id);
    return { officeId: id, officeName: o?.name ?? 'A deleted office', liaisonName: o?.liaison ?? null, city: o?.city ?? null };
  };

  let rank = 0;
  const top = ranked.slice(0, q.topN).map((o, i) => {
    if (i === 0 || ranked[i - 1]!.received !== o.received) rank = i + 1;
    const prev = o.previous;
    return {
      ...ref(o.office), rank, received: o.received, seen: o.seen, share: received ? o.received / received : 0, previous: prev,
      change: prev > 0 ? o.received / prev - 1 : null, conversion: o.received ? o.seen / o.received : null,
    };
  });
  // Equal counts share a rank; among them, by name, so the order never depends on the database's.
  top.sort((a, b) => a.rank - b.rank || a.officeName.localeCompare(b.officeName));

  // Already in order: the curve's sort of them is one pass.
  const sortedCounts = ranked.map((o) => o.received);
  const p = pareto(sortedCounts);
  const fifth = Math.ceil(sortedCounts.length * 0.2);
  const topFifth = sortedCounts.slice(0, fifth).reduce((a, b) => a + b, 0);

  return {
    // Never past today: the window's last month may be under way.
    period: { from: `${fromMonth}-01`, to: monthEnd(toMonth) < today ? monthEnd(toMonth) : today, previousFrom: `${prevFrom}-01`, previousTo },
    totals: {
      received, seen, lost,
      conversion: { value: received ? seen / received : null, numerator: seen, denominator: received },
      referringOffices: ranked.length,
      sent: mix.filter((m) => m.direction === 'out').reduce((a, m) => a + m.received, 0),
      previousReceived,
      estimatedRevenue: estimatedRevenue(incoming.map((m) => ({ serviceLine: m.line, count: m.seen })), settings.expectedCents),
    },
    monthly: months.map((month) => ({ month, received: monthlyMap.get(month)?.received ?? 0, seen: monthlyMap.get(month)?.seen ?? 0 })),
    top,
    pareto: {
      share: p.share,
      offices: p.offices,
      referringOffices: ranked.length,
      topFifthShare: received ? topFifth / received : null,
      curve: thin(p.points),
    },
    atRisk: atRisk.map((r) => ({ ...ref(r.office), month: r.month, count: r.count, trailingAverage: r.trailingAverage, change: r.change })),
    newReferrers: fresh.map((o) => ({ ...ref(o.office), received: o.received, firstMonth: monthOf(o.first) })),
    lostReferrers: lostTop.map((o) => ({ ...ref(o.office), previous: o.previous })),
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

/** Incoming referrals received from `from` to `to` (days of one month), by office and the liaison they counted toward. */
function partMonth(ctx: Ctx, from: string, to: string, territory: Territory | null): Map<string, Map<string, number>> {
  const rows = (
    territory
      ? ctx.store
          .readRaw(
            `SELECT r.office_id, coalesce(r.liaison_id, ''), count(*) FROM json_each(?) o CROSS JOIN referrals r
             WHERE r.office_id = o.value AND r.direction = 'in' AND r.deleted_at IS NULL AND r.received_on BETWEEN ? AND ? GROUP BY 1, 2`,
          )
          .all(territory.json, from, to)
      : ctx.store
          .readRaw(`SELECT office_id, coalesce(liaison_id, ''), count(*) FROM referrals WHERE direction = 'in' AND deleted_at IS NULL AND received_on BETWEEN ? AND ? GROUP BY 1, 2`)
          .all(from, to)
  ) as [string, string, number][];
  const out = new Map<string, Map<string, number>>();
  for (const [office, liaison, n] of rows) {
    const m = out.get(office) ?? new Map<string, number>();
    m.set(liaison, n);
    out.set(office, m);
  }
  return out;
}

/** An office that referred in the window, with its counts (received > 0) toward the liaison asked about. */
interface Referring extends Sums {
  office: string;
  /** in the previous period */
  previous: number;
  /** its first month with a referral from anyone, as a month index */
  first: number;
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
  const rows = ctx.store
    .read(`SELECT o.id, o.name, o.city, m.name AS liaison FROM json_each(?) j JOIN offices o ON o.id = j.value LEFT JOIN team_members m ON m.id = o.owner_id`)
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
  territory: Territory | null,
): Dashboard['liaisons'] {
  const from = `${q.from.slice(0, 7)}-01`;
  // Weeks that have happened: a window ending this month counts its visits a week so far.
  const to = monthEnd(q.to.slice(0, 7)) < today ? monthEnd(q.to.slice(0, 7)) : today;
  const weeks = Math.max(1, (Date.parse(to) - Date.parse(from) + 86_400_000) / (7 * 86_400_000));
  // Visits' instants are UTC; a day either side of the window is within a week's rounding. Everyone's
  // come from the trigger-kept monthly counts; a territory's from its offices' own rows, office by
  // office (CROSS JOIN keeps that order), not a year's visits each looked up.
  const visitRows = territory
    ? ctx.store
        .read(
          `SELECT v.liaison_id AS id, count(*) AS n FROM json_each(?) o CROSS JOIN visits v
           WHERE v.office_id = o.value AND v.deleted_at IS NULL AND v.status = 'completed' AND v.starts_at >= ? AND v.starts_at < ? GROUP BY v.liaison_id`,
        )
        .all(territory.json, from, `${to}T23:59:59.999Z`)
    : ctx.store.read(`SELECT liaison_id AS id, sum(completed) AS n FROM visit_liaison_months WHERE month BETWEEN ? AND ? GROUP BY liaison_id`).all(from.slice(0, 7), to.slice(0, 7));
  const visits = new Map((visitRows as { id: string | null; n: number }[]).map((r) => [r.id ?? '', r.n]));
  // By the owner index: a walk of its entries, not of every office.
  const ownerRows = territory
    ? ctx.store
        .read(`SELECT o.owner_id AS id, count(*) AS n FROM json_each(?) j JOIN offices o ON o.id = j.value WHERE o.deleted_at IS NULL AND o.archived_at IS NULL GROUP BY o.owner_id`)
        .all(territory.json)
    : ctx.store.read(`SELECT o.owner_id AS id, count(*) AS n FROM offices o WHERE o.deleted_at IS NULL AND o.archived_at IS NULL GROUP BY o.owner_id`).all();
  const owned = new Map((ownerRows as { id: string | null; n: number }[]).map((r) => [r.id ?? '', r.n]));
  const members = ctx.store.read(`SELECT id, name, role FROM team_members WHERE deleted_at IS NULL`).all() as { id: string; name: string; role: string }[];
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
