/**
 * The Four C's scorecard (issue 10): each measure maps linearly to 0–100 between the practice's
 * "poor" and "good" values (either may be the larger: fewer days to an appointment is better), each C
 * averages its measures and the office's own 1–5 rating for that C, and a period with too few
 * referrals says so instead of scoring.
 */

export const FOUR_CS = ['communication', 'credibility', 'capacity', 'consistency'] as const;
export type FourC = (typeof FOUR_CS)[number];

/** A measure's value on 0–100: poor → 0, good → 100, clamped; null stays null (nothing to measure). */
export function scoreBetween(value: number | null, poor: number, good: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  // No range to place it on (the settings refuse equal values): the measure drops out, never a guess.
  if (poor === good) return null;
  const t = (value - poor) / (good - poor);
  return Math.round(Math.min(1, Math.max(0, t)) * 100);
}

/** An office's own 1–5 rating of a C on the same scale: 1 → 0, 5 → 100. */
export function ratingScore(rating: number | null): number | null {
  return rating === null ? null : scoreBetween(rating, 1, 5);
}

export interface CInputs {
  /** each measure's 0–100 score (null: not measurable in the period) */
  measures: readonly (number | null)[];
  /** the office's own average 1–5 rating for this C from visit feedback, if any */
  rating: number | null;
}

/** A C's score: the mean of what could be measured, the office's rating counted as one more measure. */
export function scoreOfC(c: CInputs): number | null {
  const parts = [...c.measures, ratingScore(c.rating)].filter((x): x is number => x !== null);
  return parts.length ? Math.round(parts.reduce((a, b) => a + b, 0) / parts.length) : null;
}

export const MIN_REFERRALS = 3;

export type Scorecard =
  | { state: 'not_enough_data'; referrals: number; message: string }
  | { state: 'scored'; referrals: number; cs: Record<FourC, number | null>; overall: number | null };

/**
 * The scorecard for a period: "not enough data" under three referrals, else each C and an overall
 * score weighted by the practice's weights (a C with no score drops out of the weighting).
 */
export function scorecard(referrals: number, cs: Record<FourC, CInputs>, weights: Record<FourC, number> = { communication: 1, credibility: 1, capacity: 1, consistency: 1 }): Scorecard {
  if (referrals < MIN_REFERRALS) {
    return { state: 'not_enough_data', referrals, message: `Not enough data: ${referrals} referral${referrals === 1 ? '' : 's'} in this period (a score needs ${MIN_REFERRALS}).` };
  }
  const scores = Object.fromEntries(FOUR_CS.map((c) => [c, scoreOfC(cs[c])])) as Record<FourC, number | null>;
  let sum = 0;
  let weight = 0;
  for (const c of FOUR_CS) {
    const s = scores[c];
    if (s === null || !(weights[c] > 0)) continue;
    sum += s * weights[c];
    weight += weights[c];
  }
  return { state: 'scored', referrals, cs: scores, overall: weight === 0 ? null : Math.round(sum / weight) };
}
