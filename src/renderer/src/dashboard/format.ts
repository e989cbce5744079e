import { monthBefore } from '../../../shared/referrals/atRisk';

/** 0.453 → "45%"; null (nothing to divide) → "—". */
export function percent(share: number | null, digits = 0): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

/** 0.12 → "+12%", -0.08 → "−8%", null (nothing before to compare with) → "new". */
export function change(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return 'new';
  const n = Math.round(share * 100);
  if (n === 0) return '0%';
  return n > 0 ? `+${n}%` : `−${-n}%`;
}

/** A 0–100 score, or a dash where nothing could be measured. */
export const score = (n: number | null): string => (n === null ? '—' : String(n));

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthShort = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });
/** "2025-03" → "Mar 2025" */
export const formatMonth = (month: string): string => monthFormat.format(new Date(`${month}-01T00:00:00Z`));
/** "2025-03" → "Mar 25": for a chart's axis, where twelve of them share a line. */
export const formatMonthShort = (month: string): string => monthShort.format(new Date(`${month}-01T00:00:00Z`));

/** 12.5 → "12.5", 12 → "12": averages and rates without a trail of zeros. */
export const decimal = (n: number, digits = 1): string => Number(n.toFixed(digits)).toLocaleString();

/** A real calendar day: "2026-02-30" is not one (Date would roll it over to March; an address can carry it). */
function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

export const PRESETS = [
  { value: 'last12', label: 'Last 12 months' },
  { value: 'thisYear', label: 'This year' },
  { value: 'lastYear', label: 'Last year' },
  { value: 'custom', label: 'Custom' },
] as const;
export type Preset = (typeof PRESETS)[number]['value'];

export interface PeriodChoice {
  preset: Preset;
  /** the custom period's days, kept while another preset is chosen */
  from: string;
  to: string;
}

/**
 * The days a choice covers. "Last 12 months" is this month so far and the eleven whole months
 * before it: a referral logged today shows at once, and the monthly chart has twelve bars.
 */
export function periodOf(choice: PeriodChoice, today: string): { from: string; to: string } | { error: string } {
  const year = Number(today.slice(0, 4));
  switch (choice.preset) {
    case 'last12':
      return { from: `${monthBefore(today.slice(0, 7), 11)}-01`, to: today };
    case 'thisYear':
      return { from: `${year}-01-01`, to: today };
    case 'lastYear':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
    case 'custom':
      if (!isRealDay(choice.from) || !isRealDay(choice.to)) return { error: 'Enter both dates' };
      if (choice.from > choice.to) return { error: 'The period ends before it starts' };
      return { from: choice.from, to: choice.to };
  }
}
