import { limitFor, type YearLimit } from './limits';
import type { Verdict } from './check';

/**
 * A thank-you to a patient or family member who referred someone, against the OIG's nominal value
 * (per item, and per patient per year in aggregate). Patients are identified by a referral code.
 */
export interface RewardVerdict {
  verdict: Verdict;
  itemLimitCents: number | null;
  yearLimitCents: number | null;
  spentCents: number;
  rule: string;
  source: string;
}

export function checkReward(cents: number, day: string, spentThisYear: number, limits: readonly YearLimit[], warnAt = 0.8): RewardVerdict {
  const year = Number(day.slice(0, 4));
  const item = limitFor(limits, 'oig_nominal_item', year);
  const perYear = limitFor(limits, 'oig_nominal_patient_year', year);
  const base = { itemLimitCents: item?.cents ?? null, yearLimitCents: perYear?.cents ?? null, spentCents: spentThisYear };
  if (item && cents > item.cents) return { ...base, verdict: 'over', rule: 'Over the nominal value for one item', source: item.source };
  if (perYear) {
    const after = spentThisYear + cents;
    if (after > perYear.cents) return { ...base, verdict: 'over', rule: 'Over the nominal value for one patient in a year', source: perYear.source };
    if (after >= warnAt * perYear.cents) return { ...base, verdict: 'warning', rule: 'Close to the nominal value for one patient in a year', source: perYear.source };
  }
  return { ...base, verdict: 'ok', rule: 'Within the nominal value', source: item?.source ?? perYear?.source ?? '—' };
}
