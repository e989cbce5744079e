import { AppError } from '../../shared/errors';
import { OfficeCadence } from '../../shared/domain/cadence';
import type { Stage, Tier } from '../../shared/domain/office';
import { monthBefore, monthEnd, monthsBetween } from '../../shared/referrals/atRisk';
import type { ScorecardDetail } from '../../shared/referrals/contract';
import {
  cadenceAdherence,
  coefficientOfVariation,
  conversion,
  daysToFirstAppointment,
  daysToFirstReferral,
  dueVisits,
  estimatedRevenue,
  loopClosure,
  thankYouRate,
  type Ratio,
  type ReferralFacts,
} from '../../shared/referrals/measures';
import { FOUR_CS, scoreBetween, scorecard, type FourC, type Scorecard } from '../../shared/referrals/scorecard';
import { MEASURE_LABELS, MEASURES, type MeasureKey, type ReferralSettings } from '../../shared/referrals/settings';
import { nextDue } from '../../shared/visits/cadence';
import { dayOf, systemZone } from '../../shared/visits/time';
import type { Ctx } from '../context';
import { toCsv } from '../csv/toCsv';
import { personName, type Person } from '../gifts/service';
import { officeSpend, physicianSpend } from '../gifts/spend';
import { readCadenceSettings } from '../visits/settings';
import { readReferralSettings } from './settings';

type Period = { from: string; to: string };

/** What has happened by now: a consult note or a thank-you not yet due is not counted as missed. */
const today = (ctx: Ctx) => dayOf(ctx.now(), systemZone());

interface Fact extends ReferralFacts {
  serviceLine: string;
}

/** Everything one subject's scorecards are computed from, read once for the period and the trend's 14 months. */
interface Facts {
  referrals: Fact[];
  /** thank-you notes to the office (or to the physician) */
  notes: string[];
  /** days of the office's live touches, sorted */
  touches: string[];
  feedback: { day: string; ratings: Record<FourC, number | null> }[];
  office: { tier: Tier | null; stage: Stage; cadence: string | null };
}

const LIVE_TOUCH = `t.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM touches r WHERE r.reverses = t.id)`;
const LIVE_NOTE = `e.kind = 'thank_you_note' AND e.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM gift_entries x WHERE x.reverses = e.id)`;
const LIVE_FEEDBACK = `f.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM visit_feedback x WHERE x.reverses = f.id)`;

type Subject = { kind: 'office'; officeId: string } | { kind: 'person'; officeId: string; personId: string };

function readFacts(ctx: Ctx, s: Subject, from: string, to: string): Facts {
  // Statements from the store's cache: preparing each afresh was ~1 ms of a scorecard.
  const referrals = (
    s.kind === 'office'
      ? ctx.store
          .readRaw(
            `SELECT received_on, appointment_on, seen_on, note_sent_on, service_line FROM referrals
             WHERE office_id = ? AND direction = 'in' AND deleted_at IS NULL AND received_on BETWEEN ? AND ?`,
          )
          .all(s.officeId, from, to)
      : ctx.store
          .readRaw(
            `SELECT received_on, appointment_on, seen_on, note_sent_on, service_line FROM referrals
             WHERE person_id = ? AND direction = 'in' AND deleted_at IS NULL AND received_on BETWEEN ? AND ?`,
          )
          .all(s.personId, from, to)
  ) as [string, string | null, string | null, string | null, string][];
  const notes = (
    s.kind === 'office'
      ? ctx.store.readRaw(`SELECT e.day FROM gift_entries e WHERE e.office_id = ? AND ${LIVE_NOTE} AND e.day >= ?`).all(s.officeId, from)
      : ctx.store.readRaw(`SELECT e.day FROM gift_shares g JOIN gift_entries e ON e.id = g.entry_id WHERE g.person_id = ? AND ${LIVE_NOTE} AND e.day >= ?`).all(s.personId, from)
  ) as [string][];
  const touches = ctx.store.readRaw(`SELECT DISTINCT t.day FROM touches t WHERE t.office_id = ? AND ${LIVE_TOUCH} ORDER BY t.day`).all(s.officeId) as [string][];
  const feedback = ctx.store
    .readRaw(`SELECT substr(f.created_at, 1, 10), f.communication, f.credibility, f.capacity, f.consistency FROM visit_feedback f WHERE f.office_id = ? AND ${LIVE_FEEDBACK} AND f.created_at >= ?`)
    .all(s.officeId, from) as [string, number | null, number | null, number | null, number | null][];
  const office = ctx.store.read(`SELECT tier, stage, cadence FROM offices WHERE id = ?`).get(s.officeId) as Facts['office'];
  return {
    referrals: referrals.map(([receivedOn, firstAppointmentOn, seenOn, noteSentOn, serviceLine]) => ({ receivedOn, firstAppointmentOn, seenOn, noteSentOn, serviceLine })),
    notes: notes.map(([d]) => d),
    touches: touches.map(([d]) => d),
    feedback: feedback.map(([day, communication, credibility, capacity, consistency]) => ({ day, ratings: { communication, credibility, capacity, consistency } })),
    office,
  };
}

const share = (r: Ratio, what: string) => (r.value === null ? `No ${what} in this period` : `${r.numerator} of ${r.denominator} (${Math.round(r.value * 100)}%)`);

interface Computed {
  card: Scorecard;
  cs: ScorecardDetail['cs'];
}

type CadenceRules = ReturnType<typeof readCadenceSettings>['settings'];

/** The Four C's over one period from the facts and that period's referrals (`refs`), given the practice's rules. */
function compute(f: Facts, refs: readonly Fact[], p: Period, settings: ReferralSettings, cadence: CadenceRules, asOf: string): Computed {
  const loop = loopClosure(refs, settings.loopDays, asOf);
  // The periods the thank-you tasks ask about (weeks unless the practice chose another length; weeks when it turned them off).
  const every = settings.thankYouEveryDays || 7;
  const thanks = thankYouRate(
    refs.map((r) => r.receivedOn),
    f.notes.filter((n) => n >= p.from),
    14,
    asOf,
    every,
  );
  const periodsLabel = every === 7 ? 'weeks' : `${every}-day periods`;
  const appt = daysToFirstAppointment(refs);
  const conv = conversion(refs);
  const parsed = f.office.cadence ? OfficeCadence.safeParse(JSON.parse(f.office.cadence)) : null;
  const own = parsed?.success ? parsed.data : null;
  const paused = own !== null && 'paused' in own;
  const before = f.touches.filter((d) => d < p.from);
  const due = nextDue({ tier: f.office.tier, stage: f.office.stage, override: own && 'every' in own ? own.every : null, paused, touches: before }, p.from, cadence);
  const interval = due.state === 'due' ? (due.interval ?? cadence.tiers[f.office.tier ?? 'none']) : null;
  const adherence = interval ? cadenceAdherence(dueVisits(f.touches, interval, p.from, p.to)) : { value: null, numerator: 0, denominator: 0 };
  const monthly = monthlyCounts(refs, monthsBetween(p.from.slice(0, 7), p.to.slice(0, 7))).map((m) => m.received);
  const cv = refs.length ? coefficientOfVariation(monthly) : null;

  const values: Record<MeasureKey, { value: number | null; display: string; numerator: number | null; denominator: number | null }> = {
    loopClosure: { value: loop.value, display: loop.value === null ? 'No seen referrals in this period' : `${loop.numerator} of ${loop.denominator} consult notes within ${settings.loopDays} days (${Math.round(loop.value * 100)}%)`, numerator: loop.numerator, denominator: loop.denominator },
    thankYou: { value: thanks.value, display: thanks.value === null ? (refs.length ? `Not judged yet: the ${periodsLabel} with referrals are still within their 14 days to thank` : 'No referrals in this period') : `${thanks.numerator} of ${thanks.denominator} ${periodsLabel} with referrals thanked (${Math.round(thanks.value * 100)}%)`, numerator: thanks.numerator, denominator: thanks.denominator },
    daysToAppointment: { value: appt.median, display: appt.median === null ? 'No appointments in this period' : `${appt.median} days (median of ${appt.count}; 90th percentile ${appt.p90} days)`, numerator: null, denominator: null },
    conversion: { value: conv.value, display: share(conv, 'referrals'), numerator: conv.numerator, denominator: conv.denominator },
    cadenceAdherence: { value: adherence.value, display: interval ? share(adherence, 'visits due') : 'Visits paused for this office', numerator: adherence.numerator, denominator: adherence.denominator },
    steadiness: { value: cv, display: cv === null ? 'No referrals in this period' : `${cv.toFixed(2)} (${monthly.length} months: ${monthly.join(', ')})`, numerator: null, denominator: null },
  };
  const cs = FOUR_CS.map((c) => {
    const ratings = f.feedback.filter((x) => x.day >= p.from && x.day <= p.to && x.ratings[c] !== null).map((x) => x.ratings[c]!);
    const rating = ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null;
    const measures = MEASURES[c].map((key) => {
      const v = values[key];
      const range = settings.ranges[key];
      return { key, label: MEASURE_LABELS[key].label, ...v, poor: range.poor, good: range.good, score: scoreBetween(v.value, range.poor, range.good) };
    });
    return { c, rating, ratings: ratings.length, measures };
  });
  const card = scorecard(
    refs.length,
    Object.fromEntries(cs.map((x) => [x.c, { measures: x.measures.map((m) => m.score), rating: x.rating }])) as Record<FourC, { measures: (number | null)[]; rating: number | null }>,
    settings.weights,
  );
  return { card, cs: cs.map((x) => ({ ...x, score: card.state === 'scored' ? card.cs[x.c] : null })) };
}

/** Received and seen per month, in one pass. */
function monthlyCounts(refs: readonly Fact[], months: string[]): { month: string; received: number; seen: number }[] {
  const out = new Map(months.map((month) => [month, { month, received: 0, seen: 0 }]));
  for (const r of refs) {
    const m = out.get(r.receivedOn.slice(0, 7));
    if (!m) continue;
    m.received++;
    if (r.seenOn) m.seen++;
  }
  return [...out.values()];
}

const inPeriod = (refs: readonly Fact[], p: Period) => refs.filter((r) => r.receivedOn >= p.from && r.receivedOn <= p.to);

/** Each of the 12 months ending with the period's last, scored over the three months ending with it. */
function trend(f: Facts, p: Period, settings: ReferralSettings, cadence: CadenceRules, asOf: string): ScorecardDetail['trend'] {
  const last = p.to.slice(0, 7);
  // Bucketed once by month: a busy office has tens of thousands of referrals and twelve windows to score.
  const byMonth = new Map<string, Fact[]>();
  for (const r of f.referrals) {
    const m = r.receivedOn.slice(0, 7);
    const bucket = byMonth.get(m);
    if (bucket) bucket.push(r);
    else byMonth.set(m, [r]);
  }
  return Array.from({ length: 12 }, (_, i) => monthBefore(last, 11 - i)).map((month) => {
    const window = { from: `${monthBefore(month, 2)}-01`, to: monthEnd(month) };
    const refs = [monthBefore(month, 2), monthBefore(month, 1), month].flatMap((m) => byMonth.get(m) ?? []);
    const { card } = compute(f, refs, window, settings, cadence, asOf);
    const scored = card.state === 'scored' ? card : null;
    return {
      month,
      referrals: card.referrals,
      communication: scored?.cs.communication ?? null,
      credibility: scored?.cs.credibility ?? null,
      capacity: scored?.cs.capacity ?? null,
      consistency: scored?.cs.consistency ?? null,
      overall: scored?.overall ?? null,
    };
  });
}

/** From the earlier of the period's start and the trend's first window (14 months before its end). */
const readFrom = (p: Period) => {
  const trendStart = `${monthBefore(p.to.slice(0, 7), 13)}-01`;
  return trendStart < p.from ? trendStart : p.from;
};

function detail(ctx: Ctx, s: Subject, p: Period, who: { name: string; officeName: string; liaisonName: string | null }): ScorecardDetail {
  const { settings } = readReferralSettings(ctx);
  const { settings: cadence } = readCadenceSettings(ctx);
  const f = readFacts(ctx, s, readFrom(p), p.to);
  const refs = inPeriod(f.referrals, p);
  const { card, cs } = compute(f, refs, p, settings, cadence, today(ctx));
  const sent = (
    s.kind === 'office'
      ? ctx.store.read(`SELECT count(*) AS n FROM referrals WHERE office_id = ? AND direction = 'out' AND deleted_at IS NULL AND received_on BETWEEN ? AND ?`).get(s.officeId, p.from, p.to)
      : ctx.store.read(`SELECT count(*) AS n FROM referrals WHERE person_id = ? AND direction = 'out' AND deleted_at IS NULL AND received_on BETWEEN ? AND ?`).get(s.personId, p.from, p.to)
  ) as { n: number };
  const lost = (
    s.kind === 'office'
      ? ctx.store.read(`SELECT count(*) AS n FROM referrals WHERE office_id = ? AND direction = 'in' AND status = 'lost' AND deleted_at IS NULL AND received_on BETWEEN ? AND ?`).get(s.officeId, p.from, p.to)
      : ctx.store.read(`SELECT count(*) AS n FROM referrals WHERE person_id = ? AND direction = 'in' AND status = 'lost' AND deleted_at IS NULL AND received_on BETWEEN ? AND ?`).get(s.personId, p.from, p.to)
  ) as { n: number };
  // New relationships: days from the first outreach visit to the first referral that followed it.
  const firstVisit = (ctx.store.read(`SELECT min(t.day) AS d FROM touches t WHERE t.office_id = ? AND t.kind = 'visit' AND ${LIVE_TOUCH}`).get(s.officeId) as { d: string | null }).d;
  const firstReferral = firstVisit
    ? ((ctx.store.read(`SELECT min(received_on) AS d FROM referrals WHERE office_id = ? AND direction = 'in' AND deleted_at IS NULL`).get(s.officeId) as { d: string | null }).d)
    : null;
  const year = Number(p.to.slice(0, 4));
  let spend: ScorecardDetail['spend'];
  if (s.kind === 'person') {
    const ps = physicianSpend(ctx, s.personId, year);
    spend = { cents: ps.spentCents, limitCents: ps.limitCents, share: { value: ps.limitCents ? ps.spentCents / ps.limitCents : null, numerator: ps.spentCents, denominator: ps.limitCents ?? 0 } };
  } else {
    // An office has no limit of its own: the physician closest to theirs is what a manager must watch.
    const os = officeSpend(ctx, s.officeId, year);
    const closest = os.people.filter((x) => x.limitCents).sort((a, b) => b.spentCents / b.limitCents! - a.spentCents / a.limitCents!)[0];
    spend = {
      cents: os.totalCents,
      limitCents: closest?.limitCents ?? null,
      share: closest ? { value: closest.spentCents / closest.limitCents!, numerator: closest.spentCents, denominator: closest.limitCents! } : { value: null, numerator: 0, denominator: 0 },
    };
  }
  const months = monthsBetween(p.from.slice(0, 7), p.to.slice(0, 7));
  return {
    subject: { kind: s.kind, id: s.kind === 'office' ? s.officeId : s.personId, name: who.name, officeId: s.officeId, officeName: who.officeName, liaisonName: who.liaisonName },
    period: p,
    card,
    cs,
    volume: {
      received: refs.length,
      seen: refs.filter((r) => r.seenOn).length,
      lost: lost.n,
      sent: sent.n,
      monthly: monthlyCounts(refs, months),
    },
    daysToFirstAppointment: daysToFirstAppointment(refs),
    daysToFirstReferral: firstVisit && firstReferral && firstReferral >= firstVisit ? daysToFirstReferral(firstVisit, [firstReferral]) : null,
    spend,
    estimatedRevenue: estimatedRevenue(refs.filter((r) => r.seenOn), settings.expectedCents),
    trend: trend(f, p, settings, cadence, today(ctx)),
  };
}

function officeHeader(ctx: Ctx, officeId: string): { name: string; liaisonName: string | null } {
  const o = ctx.store
    .read(`SELECT o.name, m.name AS liaison FROM offices o LEFT JOIN team_members m ON m.id = o.owner_id WHERE o.id = ? AND o.deleted_at IS NULL`)
    .get(officeId) as { name: string; liaison: string | null } | undefined;
  if (!o) throw new AppError('not_found', 'That office no longer exists. It may have been deleted on another device.');
  return { name: o.name, liaisonName: o.liaison };
}

/** One office's Four C's for a period, with the numbers behind each C and a 12-month trend. */
export function officeScorecard(ctx: Ctx, officeId: string, p: Period): ScorecardDetail {
  const o = officeHeader(ctx, officeId);
  return detail(ctx, { kind: 'office', officeId }, p, { name: o.name, officeName: o.name, liaisonName: o.liaisonName });
}

/** One referring physician's: their own referrals and thank-you notes; the office's visits, cadence and ratings. */
export function personScorecard(ctx: Ctx, personId: string, p: Period): ScorecardDetail {
  const person = ctx.store.read(`SELECT * FROM people WHERE id = ? AND deleted_at IS NULL`).get(personId) as (Person & { office_id: string }) | undefined;
  if (!person) throw new AppError('not_found', 'That person no longer exists. They may have been deleted on another device.');
  const o = officeHeader(ctx, person.office_id);
  return detail(ctx, { kind: 'person', officeId: person.office_id, personId }, p, { name: personName(person), officeName: o.name, liaisonName: o.liaisonName });
}

/** Several offices' cards for one period (the dashboard's top referrers): no trend, no extras. */
export function manyScorecards(ctx: Ctx, officeIds: readonly string[], p: Period): { officeId: string; card: Scorecard }[] {
  const { settings } = readReferralSettings(ctx);
  const { settings: cadence } = readCadenceSettings(ctx);
  const asOf = today(ctx);
  return officeIds.map((officeId) => {
    const f = readFacts(ctx, { kind: 'office', officeId }, p.from, p.to);
    return { officeId, card: compute(f, f.referrals, p, settings, cadence, asOf).card };
  });
}

const C_LABEL: Record<FourC, string> = { communication: 'Communication', credibility: 'Credibility', capacity: 'Capacity', consistency: 'Consistency' };

/** A scorecard as a sheet: the Cs, then every measure behind them with what it was made from. */
export function scorecardCsv(ctx: Ctx, q: Period & { officeId?: string; personId?: string }): { csv: string; fileName: string } {
  if (!q.officeId === !q.personId) throw new AppError('invalid_input', 'Name one office or one person for the scorecard.');
  const d = q.officeId ? officeScorecard(ctx, q.officeId, q) : personScorecard(ctx, q.personId!, q);
  const rows: (string | number)[][] = [];
  const card = d.card;
  rows.push(['Overall', '', card.state === 'scored' ? (card.overall ?? '') : card.message, '', '', '', '']);
  for (const c of d.cs) {
    rows.push([C_LABEL[c.c], '', c.score ?? '', '', '', '', '']);
    if (c.rating !== null) rows.push([C_LABEL[c.c], 'Office rating (1–5)', c.rating, `${c.ratings} rating${c.ratings === 1 ? '' : 's'}`, 1, 5, '']);
    for (const m of c.measures) rows.push([C_LABEL[c.c], m.label, m.score ?? '', m.display, m.poor, m.good, m.value ?? '']);
  }
  rows.push(['Volume', 'Received', d.volume.received, '', '', '', ''], ['Volume', 'Seen', d.volume.seen, '', '', '', ''], ['Volume', 'Lost', d.volume.lost, '', '', '', ''], ['Volume', 'We sent them', d.volume.sent, '', '', '', '']);
  for (const t of d.trend) rows.push(['Trend', t.month, t.overall ?? '', `${t.referrals} referrals`, '', '', '']);
  const name = d.subject.kind === 'office' ? d.subject.name : `${d.subject.name} (${d.subject.officeName})`;
  return {
    csv: toCsv(['Section', 'Measure', 'Score (0–100)', 'Made from', 'Poor', 'Good', 'Value'], rows),
    fileName: `Scorecard ${name.replace(/[\\/:*?"<>|]/g, '-')} ${q.from} to ${q.to}.csv`,
  };
}
