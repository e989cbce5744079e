import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  dueVisits,
  thankYouPeriodStart,
  thankYouRate,
  weekStart,
  cadenceAdherence,
  coefficientOfVariation,
  conversion,
  daysBetween,
  daysToFirstAppointment,
  daysToFirstReferral,
  estimatedRevenue,
  loopClosure,
  median,
  nearestRank,
  pareto,
  spendAgainstLimit,
  volumeTrend,
  type ReferralFacts,
} from '../../src/shared/referrals/measures';
import { FOUR_CS, scoreBetween, scoreOfC, scorecard } from '../../src/shared/referrals/scorecard';

const r = (receivedOn: string, extra: Partial<ReferralFacts> = {}): ReferralFacts => ({ receivedOn, ...extra });

describe('referral measures, computed by hand', () => {
  it('days between calendar days, across a month end, a leap day and a DST change', () => {
    expect(daysBetween('2026-01-31', '2026-03-01')).toBe(29);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-03-09', '2026-03-07')).toBe(-2);
  });

  it('conversion: seen ÷ received; an empty period is no figure, not 0%', () => {
    expect(conversion([])).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(conversion([r('2026-01-02', { seenOn: '2026-01-09' })])).toEqual({ value: 1, numerator: 1, denominator: 1 });
    const four = [r('2026-01-02', { seenOn: '2026-01-09' }), r('2026-01-03'), r('2026-01-04'), r('2026-01-05', { seenOn: '2026-01-20' })];
    expect(conversion(four)).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
  });

  it('days to first appointment: median and nearest-rank p90 over those scheduled', () => {
    // Waits of 1, 3, 4, 7, 10, 14, 21, 28, 30, 45 days (given out of order), one never scheduled.
    const waits = [14, 3, 45, 1, 28, 7, 30, 4, 21, 10];
    const refs = [...waits.map((d) => r('2026-01-01', { firstAppointmentOn: Temporal.PlainDate.from('2026-01-01').add({ days: d }).toString() })), r('2026-01-01')];
    expect(daysToFirstAppointment(refs)).toEqual({ median: 12, p90: 30, count: 10 });
    expect(daysToFirstAppointment([r('2026-01-01', { firstAppointmentOn: '2026-01-06' })])).toEqual({ median: 5, p90: 5, count: 1 });
    expect(daysToFirstAppointment([r('2026-01-01')])).toEqual({ median: null, p90: null, count: 0 });
  });

  it('median and nearest rank', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(nearestRank([], 90)).toBeNull();
  });

  it('loop closure: notes back within N days (default 7) of the visit, over referrals seen', () => {
    const refs = [
      r('2026-01-01', { seenOn: '2026-01-10', noteSentOn: '2026-01-17' }), // 7 days: in
      r('2026-01-01', { seenOn: '2026-01-10', noteSentOn: '2026-01-18' }), // 8 days: out
      r('2026-01-01', { seenOn: '2026-01-10' }), // never sent
      r('2026-01-01'), // not seen: not counted
    ];
    expect(loopClosure(refs)).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
    expect(loopClosure(refs, 8)).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(loopClosure([r('2026-01-01')])).toEqual({ value: null, numerator: 0, denominator: 0 });
  });

  it('volume trend: this period against the average of those before it', () => {
    expect(volumeTrend([10, 12, 8, 5])).toEqual({ current: 5, trailingAverage: 10, change: -0.5 });
    expect(volumeTrend([4])).toEqual({ current: 4, trailingAverage: null, change: null });
    expect(volumeTrend([0, 0, 3])).toEqual({ current: 3, trailingAverage: 0, change: null });
    expect(volumeTrend([])).toEqual({ current: 0, trailingAverage: null, change: null });
  });

  it('cadence adherence: due visits made on or before their day', () => {
    expect(
      cadenceAdherence([
        { dueOn: '2026-02-01', madeOn: '2026-01-30' },
        { dueOn: '2026-02-01', madeOn: '2026-02-01' },
        { dueOn: '2026-02-01', madeOn: '2026-02-02' },
        { dueOn: '2026-03-01', madeOn: null },
      ]),
    ).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    expect(cadenceAdherence([]).value).toBeNull();
  });

  it('steadiness: the coefficient of variation of monthly counts', () => {
    expect(coefficientOfVariation([4, 4, 4, 4])).toBe(0);
    // mean 5, population sd sqrt(((2-5)²+(8-5)²)/2) = 3
    expect(coefficientOfVariation([2, 8])).toBe(0.6);
    expect(coefficientOfVariation([0, 0])).toBeNull();
    expect(coefficientOfVariation([])).toBeNull();
  });

  it('spend against the limit, the first referral after outreach, and revenue by expected value', () => {
    expect(spendAgainstLimit(26_750, 53_500).value).toBe(0.5);
    expect(spendAgainstLimit(100, null).value).toBeNull();
    expect(daysToFirstReferral('2026-01-10', ['2025-12-01', '2026-02-09', '2026-01-30'])).toBe(20);
    expect(daysToFirstReferral('2026-01-10', ['2025-12-01'])).toBeNull();
    expect(daysToFirstReferral(null, ['2026-01-30'])).toBeNull();
    expect(estimatedRevenue([{ serviceLine: 'knee' }, { serviceLine: 'knee' }, { serviceLine: 'spine' }, { serviceLine: 'hand' }], { knee: 250_000, spine: 400_000 })).toEqual({ cents: 900_000, unpriced: 1 });
  });

  it('the Pareto share: how many offices send 80% of referrals', () => {
    // 10 offices; 100 referrals; the top two send 50 + 30 = 80.
    const r10 = pareto([50, 30, 5, 5, 4, 2, 2, 1, 1, 0]);
    expect(r10).toMatchObject({ share: 0.2, offices: 2 });
    expect(r10.points[1]).toEqual({ offices: 0.2, referrals: 0.8 });
    // Four offices of 25 each: three send 75, short of 80, so all four are needed.
    expect(pareto([25, 25, 25, 25]).offices).toBe(4);
    expect(pareto([]).share).toBeNull();
    expect(pareto([0, 0]).share).toBeNull();
  });

  it('property: the Pareto share never exceeds 1 and its curve ends at all referrals', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 200 }), { minLength: 1, maxLength: 60 }), (counts) => {
        const p = pareto(counts);
        if (counts.every((c) => c === 0)) return p.share === null;
        return p.share! > 0 && p.share! <= 1 && Math.abs(p.points.at(-1)!.referrals - 1) < 1e-12;
      }),
    );
  });
});

describe('the Four C’s scorecard', () => {
  it('maps a measure linearly between poor and good, either way round, clamped', () => {
    expect(scoreBetween(0.7, 0.4, 0.9)).toBe(60);
    expect(scoreBetween(0.95, 0.4, 0.9)).toBe(100);
    expect(scoreBetween(0.1, 0.4, 0.9)).toBe(0);
    // Days to an appointment: fewer is better (poor 30, good 5).
    expect(scoreBetween(10, 30, 5)).toBe(80);
    expect(scoreBetween(null, 30, 5)).toBeNull();
    expect(scoreBetween(3, 5, 5)).toBeNull();
  });

  it('a C averages its measures and the office’s own 1–5 rating, skipping what was not measured', () => {
    expect(scoreOfC({ measures: [60, 80], rating: 4 })).toBe(72); // (60 + 80 + 75) / 3 = 71.67
    expect(scoreOfC({ measures: [null, 80], rating: null })).toBe(80);
    expect(scoreOfC({ measures: [null], rating: null })).toBeNull();
  });

  it('fewer than 3 referrals is "not enough data", not a score; weights shape the overall', () => {
    const cs = Object.fromEntries(FOUR_CS.map((c) => [c, { measures: [c === 'capacity' ? 20 : 80], rating: null }])) as never;
    expect(scorecard(2, cs)).toEqual({ state: 'not_enough_data', referrals: 2, message: 'Not enough data: 2 referrals in this period (a score needs 3).' });
    expect(scorecard(3, cs)).toMatchObject({ state: 'scored', overall: 65 }); // (80 + 80 + 20 + 80) / 4
    expect(scorecard(3, cs, { communication: 1, credibility: 1, capacity: 2, consistency: 0 })).toMatchObject({ overall: 50 }); // (80 + 80 + 40) / 4
  });
});

describe('thank-you rate and due visits (worked by hand)', () => {
  it('counts weeks with referrals, thanked from their Monday to two weeks after their Sunday', () => {
    // Jan 9 and 10, 2026 are in the week of Monday Jan 5; Jan 14 in the week of Jan 12. One note on Monday Jan 12 thanks both: the first within its grace, the second on its first day.
    expect(thankYouRate(['2026-01-10', '2026-01-09', '2026-01-14'], ['2026-01-12'])).toEqual({ value: 1, numerator: 2, denominator: 2 });
    // A note 15 days after the week ended is too late; one before the week began does not count.
    expect(thankYouRate(['2026-01-10'], ['2026-01-26', '2026-01-04'])).toEqual({ value: 0, numerator: 0, denominator: 1 });
    expect(thankYouRate(['2026-01-10'], ['2026-01-25'])).toMatchObject({ numerator: 1 });
    expect(thankYouRate([], ['2026-01-25'])).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(weekStart('2026-03-01')).toBe('2026-02-23');
    // Asked on Jan 28, the week of Jan 12 (grace to Feb 1) is not late yet; the week of Jan 5 (to Jan 25) is.
    expect(thankYouRate(['2026-01-09', '2026-01-14'], [], 14, '2026-01-28')).toEqual({ value: 0, numerator: 0, denominator: 1 });
    expect(thankYouRate(['2026-01-09', '2026-01-14'], ['2026-01-26'], 14, '2026-01-28')).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
  });

  it('counts the periods the thank-you tasks use when the practice sets another length', () => {
    // 7-day periods are Monday weeks; 14-day ones run from Monday 1970-01-05 in fortnights: Jan 5–18 and Jan 19–Feb 1, 2026.
    expect(thankYouPeriodStart('2026-01-11', 7)).toBe('2026-01-05');
    expect(thankYouPeriodStart('2026-01-18', 14)).toBe('2026-01-05');
    expect(thankYouPeriodStart('2026-01-19', 14)).toBe('2026-01-19');
    // Jan 9 and Jan 14 are two weeks but one fortnight: a note on Jan 8 thanks the week of Jan 5, not the
    // week of Jan 12 (it came before that week began), but it thanks the whole fortnight of Jan 5.
    expect(thankYouRate(['2026-01-09', '2026-01-14'], ['2026-01-08'], 14, undefined, 7)).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(thankYouRate(['2026-01-09', '2026-01-14'], ['2026-01-08'], 14, undefined, 14)).toEqual({ value: 1, numerator: 1, denominator: 1 });
    // A fortnight's grace counts from its last day: a note on Feb 2 is within it (Jan 18 + 14 days).
    expect(thankYouRate(['2026-01-06'], ['2026-02-01'], 14, undefined, 14)).toMatchObject({ numerator: 1 });
    expect(thankYouRate(['2026-01-06'], ['2026-02-02'], 14, undefined, 14)).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('leaves out of loop closure a visit whose days to send the note have not passed', () => {
    const refs = [
      { receivedOn: '2026-03-01', seenOn: '2026-03-10' },
      { receivedOn: '2026-03-01', seenOn: '2026-03-18' },
      { receivedOn: '2026-03-01', seenOn: '2026-03-19', noteSentOn: '2026-03-20' },
    ];
    // Asked on Mar 20: the first is late (10 days), the second has until Mar 25, the third closed.
    expect(loopClosure(refs, 7, '2026-03-20')).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(loopClosure(refs, 7)).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
  });

  it('lists each visit that fell due in a period, with when it was made', () => {
    const monthly = { months: 1 };
    // Last visit before the period Jan 20: due Feb 20 (made Feb 18, on time), then Mar 18 (made Mar 25, late), then Apr 25 (missed), May 25 (missed).
    expect(dueVisits(['2026-01-20', '2026-02-18', '2026-03-25'], monthly, '2026-02-01', '2026-05-31')).toEqual([
      { dueOn: '2026-02-20', madeOn: '2026-02-18' },
      { dueOn: '2026-03-18', madeOn: '2026-03-25' },
      { dueOn: '2026-04-25', madeOn: null },
      { dueOn: '2026-05-25', madeOn: null },
    ]);
    expect(cadenceAdherence(dueVisits(['2026-01-20', '2026-02-18', '2026-03-25'], monthly, '2026-02-01', '2026-05-31'))).toMatchObject({ numerator: 1, denominator: 4 });
    // Never visited before the period: nothing due until the first visit in it.
    expect(dueVisits(['2026-03-10'], { weeks: 2 }, '2026-02-01', '2026-03-31')).toEqual([{ dueOn: '2026-03-24', madeOn: null }]);
    expect(dueVisits([], monthly, '2026-02-01', '2026-03-31')).toEqual([]);
    // Silent for months, then a visit: the dues before are misses; the visit answers (late) only the last one due before it.
    expect(dueVisits(['2026-01-10', '2026-05-01'], monthly, '2026-02-01', '2026-05-31')).toEqual([
      { dueOn: '2026-02-10', madeOn: null },
      { dueOn: '2026-03-10', madeOn: null },
      { dueOn: '2026-04-10', madeOn: '2026-05-01' },
    ]);
    // Jan 31 + 1 month is Feb 28: calendar arithmetic, as the cadence does.
    expect(dueVisits(['2026-01-31'], monthly, '2026-02-01', '2026-02-28')).toEqual([{ dueOn: '2026-02-28', madeOn: null }]);
  });
});
