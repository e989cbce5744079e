import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysOverdue, nextDue, type CadenceOffice } from '../../src/shared/visits/cadence';

const office = (o: Partial<CadenceOffice>): CadenceOffice => ({ tier: 'B', stage: 'established', override: null, paused: false, touches: [], ...o });
const today = '2026-11-24';

describe('when an office is next due', () => {
  it.each([
    ['a month from Jan 31 is the last day of February', office({ touches: ['2026-01-31'] }), '2026-02-28', 'tier B monthly'],
    ['… in a leap year the 29th', office({ touches: ['2024-01-31'] }), '2024-02-29', 'tier B monthly'],
    ['two weeks across the March daylight-saving change are 14 calendar days', office({ tier: 'A', touches: ['2026-03-01'] }), '2026-03-15', 'tier A every 2 weeks'],
    ['quarterly for tier C', office({ tier: 'C', touches: ['2026-05-31'] }), '2026-08-31', 'tier C quarterly'],
    ['monthly without a tier', office({ tier: null, touches: ['2026-10-10'] }), '2026-11-10', 'no tier monthly'],
    ['the latest touch counts, whatever order they were logged in', office({ touches: ['2026-09-01', '2026-10-15', '2026-08-20'] }), '2026-11-15', 'tier B monthly'],
    ['an override wins over the tier', office({ tier: 'C', override: { weeks: 1 }, touches: ['2026-11-01'] }), '2026-11-08', 'every week (set for this office)'],
    ['a dormant office is re-engaged quarterly', office({ tier: 'A', stage: 'dormant', touches: ['2026-06-01'] }), '2026-09-01', 'dormant, re-engage quarterly'],
    ['a new relationship is visited monthly in its first six months, though its tier is quarterly', office({ tier: 'C', stage: 'new', touches: ['2026-01-10', '2026-06-30'] }), '2026-07-30', 'new relationship (first 6 months), monthly'],
    ['… and by its tier after them', office({ tier: 'C', stage: 'new', touches: ['2026-01-10', '2026-07-15'] }), '2026-10-15', 'tier C quarterly'],
    ['… or by its tier when that is more frequent', office({ tier: 'A', stage: 'new', touches: ['2026-11-01'] }), '2026-11-15', 'new relationship (first 6 months), every 2 weeks'],
  ])('%s', (_name, o, due, reason) => {
    expect(nextDue(o, today)).toEqual({ state: 'due', due, interval: expect.anything(), reason });
  });

  it('is today for a prospect never visited, and nothing while paused', () => {
    expect(nextDue(office({ stage: 'prospect' }), today)).toEqual({ state: 'due', due: today, interval: null, reason: 'Not visited yet' });
    expect(nextDue(office({ paused: true, touches: ['2020-01-01'] }), today)).toEqual({ state: 'paused', reason: 'Visits paused' });
  });

  it('keeps a prospect due until it is visited: a call is a touch, not a first visit', () => {
    expect(nextDue(office({ stage: 'prospect', touches: ['2026-11-20'], firstVisit: null }), today)).toEqual({
      state: 'due', due: today, interval: null, reason: 'Not visited yet (calls or emails only)',
    });
    // Once visited, it is a new relationship: monthly from the last touch of any kind.
    expect(nextDue(office({ stage: 'prospect', tier: 'C', touches: ['2026-11-20', '2026-11-02'], firstVisit: '2026-11-02' }), today)).toMatchObject({ due: '2026-12-20', reason: 'new relationship (first 6 months), monthly' });
  });

  it("counts a new relationship's first months from its first visit, not an earlier email", () => {
    // An email in January, the first visit in May: still the first six months in October.
    const o = office({ tier: 'C', stage: 'new', touches: ['2026-01-05', '2026-05-10', '2026-10-01'], firstVisit: '2026-05-10' });
    expect(nextDue(o, today)).toMatchObject({ due: '2026-11-01', reason: 'new relationship (first 6 months), monthly' });
    expect(nextDue({ ...o, firstVisit: undefined }, today)).toMatchObject({ due: '2027-01-01', reason: 'tier C quarterly' });
  });

  it('follows a cadence changed midway from the last touch, not from when it changed', () => {
    const before = nextDue(office({ tier: 'C', touches: ['2026-10-01'] }), today);
    const after = nextDue(office({ tier: 'A', touches: ['2026-10-01'] }), today);
    expect([before.state === 'due' && before.due, after.state === 'due' && after.due]).toEqual(['2027-01-01', '2026-10-15']);
  });

  it('counts days overdue across month ends and leap days', () => {
    expect(daysOverdue('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysOverdue('2026-11-24', '2026-11-24')).toBe(0);
    expect(daysOverdue('2026-12-01', '2026-11-24')).toBe(-7);
  });
});

const day = fc.integer({ min: 0, max: 3650 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const anOffice = fc.record({
  tier: fc.constantFrom('A' as const, 'B' as const, 'C' as const, null),
  stage: fc.constantFrom('prospect' as const, 'new' as const, 'established' as const, 'dormant' as const),
  override: fc.option(fc.oneof(fc.record({ weeks: fc.integer({ min: 1, max: 8 }) }), fc.record({ months: fc.integer({ min: 1, max: 12 }) })), { nil: null }),
  paused: fc.constant(false),
  touches: fc.array(day, { minLength: 1, maxLength: 8 }),
});

describe('cadence properties (fast-check; the seed is printed on failure)', () => {
  it('the next due date is always after the last touch', () => {
    fc.assert(
      fc.property(anOffice, (o) => {
        const r = nextDue(o, today);
        return r.state === 'due' && r.due > [...o.touches].sort().at(-1)!;
      }),
    );
  });

  it('the order touches were logged in never matters', () => {
    fc.assert(fc.property(anOffice, fc.integer(), (o, seed) => {
      const shuffled = [...o.touches].sort((a, b) => ((a + seed).localeCompare(b + seed)));
      expect(nextDue({ ...o, touches: shuffled }, today)).toEqual(nextDue(o, today));
    }));
  });

  it('a later touch never makes an office due sooner', () => {
    fc.assert(
      fc.property(anOffice, day, (o, extra) => {
        const last = [...o.touches].sort().at(-1)!;
        if (extra <= last) return true;
        const before = nextDue(o, today);
        const after = nextDue({ ...o, touches: [...o.touches, extra] }, today);
        return before.state === 'due' && after.state === 'due' && after.due >= before.due;
      }),
    );
  });
});

describe('the day an instant falls on', () => {
  it('matches Temporal on every hour around both DST changes and in zones off the hour', async () => {
    const { dayOf } = await import('../../src/shared/visits/time');
    const { Temporal } = await import('temporal-polyfill');
    const zones = ['America/New_York', 'America/St_Johns', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
    for (const zone of zones) {
      for (const from of ['2026-03-07T00:00:00Z', '2026-10-31T00:00:00Z', '2026-04-04T00:00:00Z']) {
        for (let m = 0; m < 4 * 24 * 60; m += 17) {
          const instant = new Date(Date.parse(from) + m * 60_000).toISOString();
          expect(dayOf(instant, zone), `${instant} in ${zone}`).toBe(Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDate().toString());
        }
      }
    }
  });
});
