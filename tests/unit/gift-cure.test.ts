import { describe, expect, it } from 'vitest';
import { cureFor } from '../../src/shared/gifts/cure';

const q = (yearTotalCents: number, receivedOn: string, earlierCures: string[] = []) => ({ limitCents: 53_500, yearTotalCents, receivedOn, earlierCures });

describe('the Stark cure rule', () => {
  it('allows repaying an excess of up to half the limit, by the earlier of year end and 180 days after receipt', () => {
    expect(cureFor(q(60_000, '2026-03-01'))).toEqual({ eligible: true, excessCents: 6_500, deadline: '2026-08-28' });
    expect(cureFor(q(60_000, '2026-10-01'))).toEqual({ eligible: true, excessCents: 6_500, deadline: '2026-12-31' });
    // Exactly half the limit still qualifies; a cent more does not.
    expect(cureFor(q(53_500 + 26_750, '2026-03-01')).eligible).toBe(true);
    expect(cureFor(q(53_500 + 26_751, '2026-03-01'))).toMatchObject({ eligible: false, reason: expect.stringContaining('more than half') });
  });

  it('refuses a second cure for the same physician within three years, and says when the first was', () => {
    expect(cureFor(q(60_000, '2026-03-01', ['2023-06-01']))).toMatchObject({ eligible: false, reason: expect.stringContaining('2023-06-01') });
    expect(cureFor(q(60_000, '2026-03-01', ['2023-02-28'])).eligible).toBe(true);
  });

  it('has nothing to cure under the limit', () => {
    expect(cureFor(q(53_500, '2026-03-01'))).toMatchObject({ eligible: false, excessCents: 0, deadline: null });
  });
});
