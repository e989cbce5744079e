/**
 * The yearly limits the law sets, as data (year, amount in cents, source), shipped with the known
 * years (../shared/reference/compliance-limits.md) and extended by a manager for the next one.
 * A year with no figure of its own uses the latest earlier one, and says so.
 */

export type LimitKind = 'stark_nonmonetary' | 'oig_nominal_item' | 'oig_nominal_patient_year';

export interface YearLimit {
  kind: LimitKind;
  year: number;
  cents: number;
  source: string;
}

const CMS = 'CMS physician self-referral CPI-U updates (42 CFR 411.357(k))';
const OIG = 'OIG policy statement on nominal value, 2016-12-07';

export const SHIPPED_LIMITS: readonly YearLimit[] = [
  { kind: 'stark_nonmonetary', year: 2023, cents: 48_900, source: CMS },
  { kind: 'stark_nonmonetary', year: 2024, cents: 50_700, source: CMS },
  { kind: 'stark_nonmonetary', year: 2025, cents: 51_900, source: `${CMS}; widely reported figure, verify on the CMS page` },
  { kind: 'stark_nonmonetary', year: 2026, cents: 53_500, source: `${CMS}; law-firm alerts of Jan 2026` },
  { kind: 'oig_nominal_item', year: 2016, cents: 1_500, source: OIG },
  { kind: 'oig_nominal_patient_year', year: 2016, cents: 7_500, source: OIG },
];

/** Re-indexed every January (Stark); the OIG's nominal value stands until the OIG changes it. */
const INDEXED: Record<LimitKind, boolean> = { stark_nonmonetary: true, oig_nominal_item: false, oig_nominal_patient_year: false };

export interface LimitFound {
  cents: number;
  source: string;
  /** the year whose figure this is */
  year: number;
  /** set when the asked year has no figure and an earlier year's stands in for it */
  note: string | null;
}

/** The limit of a kind for a year: its own, else the latest earlier one (said), else none. */
export function limitFor(limits: readonly YearLimit[], kind: LimitKind, year: number): LimitFound | null {
  let best: YearLimit | null = null;
  for (const l of limits) {
    if (l.kind !== kind || l.year > year) continue;
    if (!best || l.year > best.year) best = l;
  }
  if (!best) return null;
  return {
    cents: best.cents,
    source: best.source,
    year: best.year,
    note: best.year === year || !INDEXED[kind] ? null : `No figure for ${year} yet: using ${best.year}'s. A manager can add ${year}'s in Settings.`,
  };
}
