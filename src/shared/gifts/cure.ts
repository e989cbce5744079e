import { Temporal } from 'temporal-polyfill';

/**
 * The Stark cure rule (42 CFR 411.357(k)(3)): an excess over the yearly limit of no more than 50% of
 * the limit may be repaid by the physician by the earlier of the end of the calendar year and 180
 * days after receipt, and a physician may use it only once every three years.
 */
export interface CureQuestion {
  limitCents: number;
  /** what the physician received in the calendar year, this entry included */
  yearTotalCents: number;
  /** the day the entry that went over was received, YYYY-MM-DD */
  receivedOn: string;
  /** days of this physician's earlier cures */
  earlierCures: readonly string[];
}

export type CureAnswer =
  | { eligible: true; excessCents: number; deadline: string }
  | { eligible: false; excessCents: number; reason: string; deadline: string | null };

export function cureFor(q: CureQuestion): CureAnswer {
  const excess = q.yearTotalCents - q.limitCents;
  if (excess <= 0) return { eligible: false, excessCents: 0, reason: 'Not over the limit: nothing to repay', deadline: null };
  const received = Temporal.PlainDate.from(q.receivedOn);
  const yearEnd = Temporal.PlainDate.from({ year: received.year, month: 12, day: 31 });
  const in180 = received.add({ days: 180 });
  const deadline = (Temporal.PlainDate.compare(in180, yearEnd) < 0 ? in180 : yearEnd).toString();
  // "No more than 50 percent of the limit": the half itself still qualifies.
  if (excess * 2 > q.limitCents) {
    return { eligible: false, excessCents: excess, deadline, reason: 'The excess is more than half the yearly limit: the cure rule does not apply' };
  }
  const threeYearsBefore = received.subtract({ years: 3 });
  const recent = q.earlierCures.map((d) => Temporal.PlainDate.from(d)).find((d) => Temporal.PlainDate.compare(d, threeYearsBefore) > 0);
  if (recent) {
    return { eligible: false, excessCents: excess, deadline, reason: `This physician used the cure rule on ${recent.toString()}: once every three years` };
  }
  return { eligible: true, excessCents: excess, deadline };
}
