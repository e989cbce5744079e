import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsField, centsToDecimal, dollarsText, formatCents, readDollars } from '../../src/shared/money';

const MAX = 100_000_000_00;

describe('reading typed amounts as integer cents', () => {
  it.each([
    ['$1,234.50', 123_450],
    ['18', 1_800],
    ['18.5', 1_850],
    ['18.50', 1_850],
    ['.5', 50],
    ['18.', 1_800],
    ['  $ 7.05 ', 705],
    ['USD 12', 1_200],
    ['0', 0],
    ['0.01', 1],
    ['100000000', MAX],
    ['1 234.50', 123_450],
    ['12,345,678.9', 1_234_567_890],
  ])('%s is %i cents', (text, cents) => {
    expect(readDollars(text)).toEqual({ cents });
  });

  it.each([
    ['-3', /negative/],
    ['-$3', /negative/],
    ['(3.00)', /negative/],
    ['12.345', /two digits after the point/],
    ['abc', /not an amount/],
    ['1e3', /not an amount/],
    ['0x10', /not an amount/],
    ['Infinity', /not an amount/],
    ['NaN', /not an amount/],
    ['1.2.3', /not an amount/],
    ['.', /not an amount/],
    ['$', /Enter an amount/],
    // A decimal comma is not a thousands separator: "18,5" must not read as $185.
    ['18,5', /point for cents/],
    ['18,50', /point for cents/],
    ['1,23,4', /not an amount/],
    ['18 50', /not an amount/],
    ['-1,234', /negative/],
    ['', /Enter an amount/],
    ['   ', /Enter an amount/],
    ['100000000.01', /too large/],
    ['99999999999999999999', /too large/],
  ])('%j is refused (%s)', (text, message) => {
    const r = readDollars(text);
    expect('error' in r && r.error).toMatch(message);
  });

  it('formats cents exactly, negatives with a leading minus, zero as $0.00', () => {
    expect(formatCents(0)).toBe('$0.00');
    expect(formatCents(5)).toBe('$0.05');
    expect(formatCents(123_450)).toBe('$1,234.50');
    expect(formatCents(-1_200)).toBe('-$12.00');
    expect(formatCents(-5)).toBe('-$0.05');
    expect(formatCents(-0)).toBe('$0.00');
    // Beyond what a double holds to the cent after dividing by 100: formatted from the digits.
    expect(formatCents(9_007_199_254_740_991)).toBe('$90,071,992,547,409.91');
    expect(centsToDecimal(-1_200)).toBe('-12.00');
    expect(centsToDecimal(7)).toBe('0.07');
  });

  it('reads back every amount it writes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), (c) => {
        expect(readDollars(centsToDecimal(c))).toEqual({ cents: c });
        expect(readDollars(formatCents(c))).toEqual({ cents: c });
      }),
      { numRuns: 2_000 },
    );
  });

  it('the schema fields refuse floats, negatives and text that is not an amount', () => {
    expect(centsField.safeParse(1850).success).toBe(true);
    expect(centsField.safeParse(18.5).error?.issues[0]?.message).toBe('Amounts are whole cents');
    expect(centsField.safeParse(-1).error?.issues[0]?.message).toBe('An amount cannot be negative');
    expect(centsField.safeParse(Number.NaN).success).toBe(false);
    expect(centsField.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
    expect(centsField.safeParse('1850').success).toBe(false);
    expect(dollarsText.parse('$18.50')).toBe(1_850);
    expect(dollarsText.safeParse('18,5').success).toBe(false);
  });
});
