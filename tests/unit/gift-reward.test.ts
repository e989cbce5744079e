import { describe, expect, it } from 'vitest';
import { referralCode, RewardLog } from '../../src/shared/domain/gift';
import { SHIPPED_LIMITS, type YearLimit } from '../../src/shared/gifts/limits';
import { checkReward } from '../../src/shared/gifts/reward';

describe('patient referral rewards against the OIG nominal value', () => {
  it.each([
    // cents, spent this year, verdict
    [1_500, 0, 'ok'], // exactly $15 an item
    [1_501, 0, 'over'], // one cent over the item limit
    [1_500, 4_500, 'warning'], // $60 of $75 = 80%
    [1_400, 4_500, 'ok'], // $59: under the warning share
    [1_500, 6_000, 'warning'], // exactly $75 for the year
    [1, 7_500, 'over'], // one cent over the year
    [0, 7_500, 'warning'],
  ] as const)('%i cents with %i already given: %s', (cents, spent, verdict) => {
    const r = checkReward(cents, '2026-05-01', spent, SHIPPED_LIMITS);
    expect(r.verdict).toBe(verdict);
    expect(r).toMatchObject({ itemLimitCents: 1_500, yearLimitCents: 7_500, spentCents: spent });
    expect(r.source).toMatch(/OIG/);
  });

  it('names which limit refused it', () => {
    expect(checkReward(1_600, '2026-05-01', 0, SHIPPED_LIMITS).rule).toMatch(/one item/);
    expect(checkReward(1_000, '2026-05-01', 7_000, SHIPPED_LIMITS).rule).toMatch(/one patient in a year/);
  });

  it('uses a later year’s own figure when one is added, and the warning share given', () => {
    const limits: YearLimit[] = [...SHIPPED_LIMITS, { kind: 'oig_nominal_item', year: 2027, cents: 2_000, source: 'OIG 2027' }];
    expect(checkReward(1_900, '2027-01-02', 0, limits)).toMatchObject({ verdict: 'ok', itemLimitCents: 2_000 });
    expect(checkReward(1_900, '2026-12-31', 0, limits).verdict).toBe('over');
    expect(checkReward(1_000, '2026-01-01', 5_000, SHIPPED_LIMITS, 0.9).verdict).toBe('ok');
    expect(checkReward(1_800, '2026-01-01', 5_000, SHIPPED_LIMITS, 0.9).verdict).toBe('over');
  });

  it('with no figures at all, nothing is over', () => {
    expect(checkReward(100_000, '2026-01-01', 0, []).verdict).toBe('ok');
  });
});

describe('a referral code is never a HIPAA identifier', () => {
  it.each(['REF-2291', 'JS', 'J.S.', 'AB12', 'k7f2', 'JMS 2026', 'Q4-17'])('%s is a code', (code) => {
    expect(referralCode.safeParse(code).success).toBe(true);
  });

  it.each([
    ['John Smith', /name/],
    ['john smith', /name/],
    ['Smith', /name/],
    ['Smith, John', /name/],
    ['O’Brien', /name/],
    ['Mary-Jane Watson', /name/],
    ['03/14/1961', /date/],
    ['1961-03-14', /date/],
    ['3.14.61', /date/],
    ['Mar 14 1961', /date/],
    ['14 March 1961', /date/],
    ['1234567', /medical record/],
    ['MRN 1234567', /medical record/],
    ['MRN: 1234567', /medical record/],
    ['mrn#00123456', /medical record/],
    ['#12345678', /medical record/],
    ['x', /code or initials/],
  ])('%s is refused (%s)', (code, message) => {
    const r = referralCode.safeParse(code);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(message);
  });

  it('the reward form refuses them field by field', () => {
    const r = RewardLog.safeParse({ referralCode: 'Jane Doe', day: '2026-05-01', cents: 1_000, description: 'Mug' });
    expect(r.error?.issues.map((i) => i.path)).toEqual([['referralCode']]);
  });
});
