import { describe, expect, it } from 'vitest';
import { checkEntry, DEFAULT_POLICY, type ProposedEntry } from '../../src/shared/gifts/check';
import { limitFor, SHIPPED_LIMITS } from '../../src/shared/gifts/limits';

const lunch = (cents: Record<string, number>, extra: Partial<ProposedEntry> = {}): ProposedEntry => ({
  kind: 'meal',
  date: '2026-05-12',
  totalCents: Object.values(cents).reduce((a, b) => a + b, 0),
  shares: Object.entries(cents).map(([personId, c]) => ({ personId, kind: personId.startsWith('dr') ? 'physician' : 'staff', cents: c })),
  ...extra,
});

describe('the yearly limits as data', () => {
  it("uses a year's own figure, else the latest earlier one and says so; the OIG's stands without a note", () => {
    expect(limitFor(SHIPPED_LIMITS, 'stark_nonmonetary', 2026)).toMatchObject({ cents: 53_500, year: 2026, note: null });
    expect(limitFor(SHIPPED_LIMITS, 'stark_nonmonetary', 2027)).toMatchObject({ cents: 53_500, year: 2026, note: expect.stringContaining('No figure for 2027 yet') });
    expect(limitFor(SHIPPED_LIMITS, 'oig_nominal_item', 2026)).toMatchObject({ cents: 1_500, note: null });
    expect(limitFor(SHIPPED_LIMITS, 'stark_nonmonetary', 2020)).toBeNull();
  });
});

describe('the check before saving', () => {
  it('a year before the earliest figure known is a warning that says so, not "no limit"', () => {
    const [r] = checkEntry(lunch({ 'dr-a': 60_000 }, { date: '2021-06-01' }), new Map(), SHIPPED_LIMITS);
    expect(r).toMatchObject({ verdict: 'warning', limitCents: null, rule: 'No Stark figure for 2021 is known: add it in Settings → Compliance limits' });
  });

  it("counts each physician's share against the Stark limit with the numbers: ok, warning at 80%, over", () => {
    const ytd = new Map([['dr-ok', 10_000], ['dr-warn', 41_000], ['dr-over', 50_000]]);
    const r = checkEntry(lunch({ 'dr-ok': 2_500, 'dr-warn': 2_500, 'dr-over': 4_000 }), ytd, SHIPPED_LIMITS);
    expect(r.map((c) => [c.personId, c.verdict, c.remainingCents])).toEqual([
      ['dr-ok', 'ok', 41_000],
      ['dr-warn', 'warning', 10_000],
      ['dr-over', 'over', -500],
    ]);
    expect(r[2]).toMatchObject({ limitCents: 53_500, spentCents: 50_000, thisCents: 4_000, source: expect.stringContaining('411.357(k)') });
  });

  it('lands exactly on the limit as a warning, one cent past it as over', () => {
    expect(checkEntry(lunch({ 'dr-a': 3_500 }), new Map([['dr-a', 50_000]]), SHIPPED_LIMITS)[0]!.verdict).toBe('warning');
    expect(checkEntry(lunch({ 'dr-a': 3_501 }), new Map([['dr-a', 50_000]]), SHIPPED_LIMITS)[0]!.verdict).toBe('over');
  });

  it('refuses cash equivalents for everyone with the rule named, and kinds the practice forbids', () => {
    const card = checkEntry(lunch({ 'dr-a': 2_500, 'staff-b': 2_500 }, { kind: 'cash_equivalent' }), new Map(), SHIPPED_LIMITS);
    expect(card.map((c) => c.verdict)).toEqual(['forbidden', 'forbidden']);
    expect(card[0]!.rule).toMatch(/gift cards/);
    const events = checkEntry(lunch({ 'dr-a': 100 }, { kind: 'event' }), new Map(), SHIPPED_LIMITS, { ...DEFAULT_POLICY, forbiddenKinds: ['event'] });
    expect(events[0]).toMatchObject({ verdict: 'forbidden', source: 'Practice policy' });
  });

  it("applies the practice's caps on top: per occasion, per person for a meal, and staff per year", () => {
    const policy = { ...DEFAULT_POLICY, perOccasionCents: 30_000, perPersonMealCents: 4_000, staffPerYearCents: 10_000 };
    const r = checkEntry(lunch({ 'dr-a': 4_500, 'staff-b': 2_000 }), new Map([['staff-b', 9_000]]), SHIPPED_LIMITS, policy);
    expect(r[0]).toMatchObject({ verdict: 'over', rule: expect.stringContaining('per person for a meal'), remainingCents: -500 });
    expect(r[1]).toMatchObject({ verdict: 'over', rule: expect.stringContaining('for staff'), remainingCents: -1_000 });
    const big = checkEntry(lunch({ 'dr-a': 20_000, 'dr-b': 20_000 }, { kind: 'gift' }), new Map(), SHIPPED_LIMITS, policy);
    expect(big.every((c) => c.verdict === 'over' && c.rule.includes('one occasion'))).toBe(true);
  });

  it('takes a thank-you note as having no value, and says which year stood in for a missing one', () => {
    expect(checkEntry(lunch({ 'dr-a': 0 }, { kind: 'thank_you_note' }), new Map([['dr-a', 60_000]]), SHIPPED_LIMITS)[0]!.verdict).toBe('ok');
    const next = checkEntry(lunch({ 'dr-a': 1_000 }, { date: '2027-01-15' }), new Map(), SHIPPED_LIMITS)[0]!;
    expect(next.note).toMatch(/using 2026's/);
  });
});
