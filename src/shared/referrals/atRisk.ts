import { Temporal } from 'temporal-polyfill';
import type { ReferralSettings } from './settings';

export interface AtRisk {
  /** the month judged (YYYY-MM) and its count */
  month: string;
  count: number;
  /** the monthly average over the trailing months before it */
  trailingAverage: number;
  /** count against that average: -0.45 is "down 45%" */
  change: number;
}

/**
 * Whether an office is slipping: its referrals in the month judged fell by more than the set share
 * against its own average over the trailing months before, among offices that average at least the
 * set number a month (a small office's quiet month is noise, not a warning). The month judged is a
 * whole month — the last complete one — so a partly elapsed month never reads as a fall.
 *
 * `counts` holds the trailing months then the month judged, oldest first (missing months are 0).
 */
export function atRisk(month: string, counts: readonly number[], rule: ReferralSettings['atRisk']): AtRisk | null {
  const n = rule.trailingMonths;
  if (counts.length < n + 1) return null;
  const trailing = counts.slice(counts.length - 1 - n, counts.length - 1);
  return atRiskOfTotals(month, counts[counts.length - 1]!, trailing.reduce((a, b) => a + b, 0), rule);
}

/** The same rule from the month's count and the trailing months' total (what a GROUP BY answers). */
export function atRiskOfTotals(month: string, count: number, trailingTotal: number, rule: ReferralSettings['atRisk']): AtRisk | null {
  const trailingAverage = trailingTotal / rule.trailingMonths;
  if (trailingAverage === 0 || trailingAverage < rule.minPerMonth) return null;
  const change = count / trailingAverage - 1;
  return change < -rule.dropShare ? { month, count, trailingAverage, change } : null;
}

/**
 * The month an office is judged on for a period ending `to`, asked on `today`: the last month
 * wholly past by both. The worklist (which asks about today) and the dashboard (about its period)
 * so judge the same month, and a period ending on a month's last day, or in the future, never
 * judges a month still under way.
 */
export function judgedMonth(to: string, today: string): string {
  const end = to < today ? to : today;
  const month = end.slice(0, 7);
  // `end` is a month's last day and that day is past: that month is complete.
  return end < today && end === monthEnd(month) ? month : monthBefore(month);
}

/** The last day of a month (YYYY-MM). */
export function monthEnd(month: string): string {
  return Temporal.PlainYearMonth.from(month).toPlainDate({ day: 1 }).add({ months: 1 }).subtract({ days: 1 }).toString();
}

/** "referrals down 45% vs its 6-month average": what the worklist and the dashboard say. */
export function atRiskReason(r: AtRisk, trailingMonths: number): string {
  return `referrals down ${Math.round(-r.change * 100)}% vs its ${trailingMonths}-month average`;
}

/** The months from `from` to `to` (YYYY-MM), both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [ty, tm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** The month before `month` (YYYY-MM), `k` months back. */
export function monthBefore(month: string, k = 1): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
