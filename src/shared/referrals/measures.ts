import { addInterval, type Interval } from '../visits/cadence';
import { dayOfEpoch, epochDay } from '../visits/time';

/**
 * The measures behind the manager's dashboard and the Four C's scorecard (issue 10), pure: each
 * takes plain facts about referrals or visits and answers a number with what it was made from, or
 * null when there is nothing to measure (an empty period is not 0%).
 */

/** One referral as the measures see it: dates are calendar days, YYYY-MM-DD. */
export interface ReferralFacts {
  receivedOn: string;
  /** the first appointment's day, once scheduled */
  firstAppointmentOn?: string | null;
  seenOn?: string | null;
  /** when the consult note went back to the referrer */
  noteSentOn?: string | null;
}

export interface Ratio {
  value: number | null;
  numerator: number;
  denominator: number;
}

const ratio = (numerator: number, denominator: number): Ratio => ({ numerator, denominator, value: denominator === 0 ? null : numerator / denominator });

/**
 * Days from one calendar day to another (negative when `to` is earlier). Plain arithmetic, not
 * Temporal: a busy office's scorecard takes thousands of these, at tens of microseconds each in the polyfill.
 */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** Conversion: referrals seen ÷ referrals received. */
export function conversion(referrals: readonly ReferralFacts[]): Ratio {
  return ratio(referrals.filter((r) => r.seenOn).length, referrals.length);
}

/** The nearest-rank percentile of sorted numbers (p in 0–100): a value that occurred, never an interpolation. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** The middle value of numbers already sorted; with an even count, the mean of the two middle ones. */
function middle(s: ArrayLike<number>): number | null {
  if (s.length === 0) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The middle value; with an even count, the mean of the two middle ones. */
export function median(values: readonly number[]): number | null {
  return middle([...values].sort((a, b) => a - b));
}

/** Days from receiving a referral to its first appointment, over those that have one: median and p90. */
export function daysToFirstAppointment(referrals: readonly ReferralFacts[]): { median: number | null; p90: number | null; count: number } {
  const days: number[] = [];
  for (const r of referrals) if (r.firstAppointmentOn) days.push(daysBetween(r.receivedOn, r.firstAppointmentOn));
  // A typed array sorts numerically without a comparator: a busy office's scorecard sorts these thirteen times.
  const sorted = Float64Array.from(days).sort();
  return { median: middle(sorted), p90: nearestRank(sorted, 90), count: sorted.length };
}

/**
 * Loop closure: of the referrals seen, the share whose consult note went back within `withinDays`
 * of the visit. Asked `asOf` a day, a visit whose days to send the note have not all passed, and
 * with no note yet, is not counted either way: it is not late yet.
 */
export function loopClosure(referrals: readonly ReferralFacts[], withinDays = 7, asOf?: string): Ratio {
  const seen = referrals.filter((r) => r.seenOn && (r.noteSentOn || asOf === undefined || daysBetween(r.seenOn, asOf) > withinDays));
  const closed = seen.filter((r) => r.noteSentOn && daysBetween(r.seenOn!, r.noteSentOn) <= withinDays && daysBetween(r.seenOn!, r.noteSentOn) >= 0);
  return ratio(closed.length, seen.length);
}

/**
 * This period's count against the average of the periods before it (oldest first, this one last):
 * the change as a share of that average. No earlier periods, or an average of 0: no change to tell.
 */
export function volumeTrend(counts: readonly number[]): { current: number; trailingAverage: number | null; change: number | null } {
  if (counts.length === 0) return { current: 0, trailingAverage: null, change: null };
  const current = counts[counts.length - 1]!;
  const before = counts.slice(0, -1);
  if (before.length === 0) return { current, trailingAverage: null, change: null };
  const avg = before.reduce((a, b) => a + b, 0) / before.length;
  return { current, trailingAverage: avg, change: avg === 0 ? null : (current - avg) / avg };
}

/** Cadence adherence: of the visits that fell due, the share made on or before their due day. */
export function cadenceAdherence(due: readonly { dueOn: string; madeOn: string | null }[]): Ratio {
  return ratio(due.filter((d) => d.madeOn !== null && d.madeOn <= d.dueOn).length, due.length);
}

/** Steadiness: the coefficient of variation (population standard deviation ÷ mean) of monthly counts. */
export function coefficientOfVariation(counts: readonly number[]): number | null {
  if (counts.length === 0) return null;
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  if (mean === 0) return null;
  const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / counts.length;
  return Math.sqrt(variance) / mean;
}

/** Spend so far this year against the yearly limit (both in cents): the share used. */
export function spendAgainstLimit(spentCents: number, limitCents: number | null): Ratio {
  return limitCents === null ? { value: null, numerator: spentCents, denominator: 0 } : ratio(spentCents, limitCents);
}

/** Did the visits work? Days from the first outreach visit to the first referral after it; null if none came. */
export function daysToFirstReferral(firstVisitOn: string | null, referralDays: readonly string[]): number | null {
  if (!firstVisitOn) return null;
  const after = referralDays.filter((d) => d >= firstVisitOn).sort();
  return after.length ? daysBetween(firstVisitOn, after[0]!) : null;
}

/**
 * Estimated revenue: seen referrals × the practice's expected value per seen referral of their
 * service line (cents). Each item is one referral, or `count` of them (a month's pre-aggregated row).
 */
export function estimatedRevenue(seen: readonly { serviceLine: string; count?: number }[], expectedCents: Readonly<Record<string, number>>): { cents: number; unpriced: number } {
  let cents = 0;
  let unpriced = 0;
  for (const r of seen) {
    const n = r.count ?? 1;
    const v = expectedCents[r.serviceLine];
    if (v === undefined) unpriced += n;
    else cents += v * n;
  }
  return { cents, unpriced };
}

/**
 * The Pareto curve: offices ranked by referrals, most first. `share` answers what share of the
 * offices sends `of` (default 80%) of all referrals: the often-quoted "20%" checked against the data.
 */
export function pareto(countsPerOffice: readonly number[], of = 0.8): { share: number | null; offices: number; points: { offices: number; referrals: number }[] } {
  const sorted = countsPerOffice.filter((c) => c > 0).sort((a, b) => b - a);
  const total = sorted.reduce((a, b) => a + b, 0);
  const n = countsPerOffice.length;
  if (total === 0 || n === 0) return { share: null, offices: 0, points: [] };
  const points: { offices: number; referrals: number }[] = [];
  let running = 0;
  let needed = 0;
  sorted.forEach((c, i) => {
    running += c;
    points.push({ offices: (i + 1) / n, referrals: running / total });
    // Compared in whole referrals, so 80% of 10 is exactly 8 and float error never adds an office.
    if (needed === 0 && running * 10_000 >= Math.round(of * 10_000) * total) needed = i + 1;
  });
  return { share: needed / n, offices: needed, points };
}

/** Monday of the ISO week holding `day` (1970-01-01 was a Thursday). */
export function weekStart(day: string): string {
  const n = epochDay(day);
  return dayOfEpoch(n - ((n + 3) % 7));
}

/** Monday 1970-01-05: thank-you periods are counted from it, so 7-day periods are calendar weeks. */
const EPOCH_MONDAY = 4;

/**
 * The first day of the thank-you period of `every` days holding `day`: weeks Monday to Sunday for
 * 7, and for any other length a run of fixed periods every device cuts at the same days. The
 * thank-you tasks and the thank-you measure both count by it, so a scorecard judges the periods the
 * liaisons were asked to thank.
 */
export function thankYouPeriodStart(day: string, every: number): string {
  const n = epochDay(day);
  return dayOfEpoch(n - ((((n - EPOCH_MONDAY) % every) + every) % every));
}

/**
 * Thank-you sent after a referral: of the periods (weeks, Monday to Sunday, unless the practice
 * sets another length) in which referrals arrived, the share followed by a thank-you note to the
 * office between the period's first day and `graceDays` after its last. Periods, not referrals:
 * the practice thanks an office once for a busy week (issue 10, item 8).
 */
export function thankYouRate(referralDays: readonly string[], noteDays: readonly string[], graceDays = 14, asOf?: string, every = 7): Ratio {
  const periods = [...new Set(referralDays.map((d) => thankYouPeriodStart(d, every)))];
  const notes = [...noteDays].sort();
  let thanked = 0;
  let counted = 0;
  for (const p of periods) {
    const last = dayOfEpoch(epochDay(p) + every - 1 + graceDays);
    const done = notes.some((n) => n >= p && n <= last);
    // A period still within its grace, not thanked yet, is not late yet.
    if (!done && asOf !== undefined && last >= asOf) continue;
    counted++;
    if (done) thanked++;
  }
  return ratio(thanked, counted);
}

/**
 * The visits an office was due in a period and when each was made, for cadence adherence: from the
 * last touch before the period, each due date is that touch plus the interval; the next touch made
 * by then is on time, a later one is late, and none at all misses it (the next due date then counts
 * from the missed one, so a silent year is several misses, not one). Dues after `to` are not yet due.
 */
export function dueVisits(touchDays: readonly string[], interval: Interval, from: string, to: string): { dueOn: string; madeOn: string | null }[] {
  const days = [...new Set(touchDays)].sort();
  let last = days.filter((d) => d < from).at(-1) ?? null;
  let i = days.findIndex((d) => d >= from);
  if (i === -1) i = days.length;
  if (last === null) {
    // Never touched before the period: nothing was due until the first touch in it.
    if (i >= days.length) return [];
    last = days[i++]!;
  }
  const out: { dueOn: string; madeOn: string | null }[] = [];
  for (;;) {
    const due = addInterval(last, interval);
    if (due > to) break;
    const next = i < days.length && days[i]! <= to ? days[i]! : null;
    // A visit made after the following due date answers that one, not this: this one was missed.
    const made = next && next <= addInterval(due, interval) ? next : null;
    if (due >= from) out.push({ dueOn: due, madeOn: made });
    if (made) {
      last = made;
      i++;
    } else last = due;
  }
  return out;
}
