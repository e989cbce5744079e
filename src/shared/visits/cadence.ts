import { Temporal } from 'temporal-polyfill';
import type { Stage, Tier } from '../domain/office';

/** How often an office should be touched: every so many weeks or months (calendar arithmetic, not days). */
export type Interval = { weeks: number } | { months: number };

export interface CadenceSettings {
  /** by tier; `none` for an office without one */
  tiers: Record<Tier | 'none', Interval>;
  /** a new relationship, for `months` from its first visit: this often, or its tier's if that is more often */
  newRelationship: { every: Interval; months: number };
  /** a dormant office's re-engagement */
  dormant: Interval;
}

/** The defaults: tier A every 2 weeks, B monthly, C quarterly, none monthly; new monthly for 6 months; dormant quarterly. */
export const DEFAULT_CADENCE: CadenceSettings = {
  tiers: { A: { weeks: 2 }, B: { months: 1 }, C: { months: 3 }, none: { months: 1 } },
  newRelationship: { every: { months: 1 }, months: 6 },
  dormant: { months: 3 },
};

export interface CadenceOffice {
  tier: Tier | null;
  stage: Stage;
  /** the office's own cadence, set by hand; null: follow the rules */
  override: Interval | null;
  paused: boolean;
  /** days of completed touches of any kind (visit, lunch, call, email, drop-off), in any order */
  touches: readonly string[];
  /**
   * The day of the first visit, when the caller knows it apart from other touches: a prospect is due
   * until it is visited (a call is not a visit), and a new relationship's first months count from
   * it. Left out, the first touch stands in for it.
   */
  firstVisit?: string | null;
}

export type Due =
  | { state: 'paused'; reason: string }
  | { state: 'due'; due: string; interval: Interval | null; reason: string };

/** A rough length in days, only to compare intervals ("more frequent"), never to add them. */
const approxDays = (i: Interval) => ('weeks' in i ? i.weeks * 7 : i.months * 30.44);
const moreFrequent = (a: Interval, b: Interval) => (approxDays(a) <= approxDays(b) ? a : b);

export function describeInterval(i: Interval): string {
  if ('weeks' in i) return i.weeks === 1 ? 'every week' : `every ${i.weeks} weeks`;
  if (i.months === 1) return 'monthly';
  if (i.months === 3) return 'quarterly';
  return `every ${i.months} months`;
}

const date = (d: string) => Temporal.PlainDate.from(d);
const add = (d: Temporal.PlainDate, i: Interval) => d.add(i, { overflow: 'constrain' });

/**
 * `day` + `interval`, remembered: a worklist works out 50,000 offices' dates at once, yet they
 * share a few thousand distinct (day, interval) pairs, and Temporal's polyfill costs ~15 µs a call.
 */
const sums = new Map<string, string>();
export function addInterval(day: string, i: Interval): string {
  const key = 'weeks' in i ? `${day}+${i.weeks}w` : `${day}+${i.months}m`;
  let sum = sums.get(key);
  if (sum === undefined) {
    if (sums.size > 50_000) sums.clear();
    sums.set(key, (sum = add(date(day), i).toString()));
  }
  return sum;
}

/**
 * When an office is next due, and why. The next-due date follows from the last completed touch
 * of any kind, by the cadence in force at that touch: an override; else dormant re-engagement;
 * else, within the first months of a new relationship (from its first touch), monthly or the
 * tier's cadence if more frequent; else the tier's. A prospect never touched is due today. Dates
 * are calendar days (`YYYY-MM-DD` in the user's zone): Jan 31 + 1 month is the last day of
 * February, and a change of daylight saving time moves no date.
 */
export function nextDue(office: CadenceOffice, today: string, settings: CadenceSettings = DEFAULT_CADENCE): Due {
  if (office.paused) return { state: 'paused', reason: 'Visits paused' };
  const touches = office.touches.length > 1 ? [...office.touches].sort() : office.touches;
  const last = touches.at(-1);
  const firstVisit = office.firstVisit === undefined ? touches[0] : (office.firstVisit ?? undefined);
  if (!firstVisit && (office.stage === 'prospect' || office.stage === 'new')) {
    return { state: 'due', due: today, interval: null, reason: last ? 'Not visited yet (calls or emails only)' : 'Not visited yet' };
  }
  const { interval, reason } = cadenceAt(office, firstVisit, last, settings);
  if (!last) return { state: 'due', due: today, interval, reason: `Never touched; ${reason}` };
  return { state: 'due', due: addInterval(last, interval), interval, reason };
}

function cadenceAt(office: CadenceOffice, first: string | undefined, last: string | undefined, settings: CadenceSettings): { interval: Interval; reason: string } {
  const tierName = office.tier ? `tier ${office.tier}` : 'no tier';
  const tier = settings.tiers[office.tier ?? 'none'];
  if (office.override) return { interval: office.override, reason: `${describeInterval(office.override)} (set for this office)` };
  if (office.stage === 'dormant') return { interval: settings.dormant, reason: `dormant, re-engage ${describeInterval(settings.dormant)}` };
  // ISO dates compare as text.
  if (first && last && last < addInterval(first, { months: settings.newRelationship.months }) && office.stage !== 'established') {
    const interval = moreFrequent(settings.newRelationship.every, tier);
    return { interval, reason: `new relationship (first ${settings.newRelationship.months} months), ${describeInterval(interval)}` };
  }
  return { interval: tier, reason: `${tierName} ${describeInterval(tier)}` };
}

/** Days from `due` to `today`: positive when overdue, 0 on the day, negative when not yet due. */
export function daysOverdue(due: string, today: string): number {
  return date(due).until(date(today), { largestUnit: 'days' }).days;
}
