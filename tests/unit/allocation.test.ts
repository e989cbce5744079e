import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type Recipient } from '../../src/shared/gifts/allocation';

const dr = (id: string, weight?: number): Recipient => ({ id, kind: 'physician', ...(weight === undefined ? {} : { weight }) });
const staff = (id: string): Recipient => ({ id, kind: 'staff' });

describe('splitting a shared item into cents per person', () => {
  it.each([
    ['an even split that divides', 12000, [dr('a'), dr('b'), staff('s')], 0, { a: 4000, b: 4000, s: 4000 }, 0],
    ['the leftover cent goes to a named physician first', 10000, [staff('s'), dr('b'), dr('a')], 0, { a: 3334, b: 3333, s: 3333 }, 0],
    ['two leftover cents: both physicians, in id order, before staff', 10001, [staff('s'), dr('b'), dr('a')], 0, { a: 3334, b: 3334, s: 3333 }, 0],
    ['people not in the directory share too, after the named', 10000, [dr('a'), staff('s')], 4, { a: 1667, s: 1667 }, 6666],
    ['shares set by the user', 9000, [dr('a', 2), dr('b', 1)], 0, { a: 6000, b: 3000 }, 0],
    ['a zero total', 0, [dr('a')], 3, { a: 0 }, 0],
    ['nobody named: all to the others', 1001, [], 2, {}, 1001],
  ] as const)('%s', (_, totalCents, recipients, othersSharing, shares, othersCents) => {
    const r = allocate({ totalCents, recipients: [...recipients], othersSharing });
    expect(Object.fromEntries(r.shares)).toEqual(shares);
    expect(r.othersCents).toBe(othersCents);
  });

  it('refuses what cannot be split', () => {
    expect(() => allocate({ totalCents: 10.5, recipients: [dr('a')], othersSharing: 0 })).toThrow(RangeError);
    expect(() => allocate({ totalCents: -1, recipients: [dr('a')], othersSharing: 0 })).toThrow(RangeError);
    expect(() => allocate({ totalCents: 100, recipients: [], othersSharing: 0 })).toThrow(/Nobody/);
    expect(() => allocate({ totalCents: 100, recipients: [dr('a'), dr('a')], othersSharing: 0 })).toThrow(/twice/);
    expect(() => allocate({ totalCents: 100, recipients: [dr('a', 0)], othersSharing: 0 })).toThrow(RangeError);
  });

  const people = fc.uniqueArray(
    fc.record({ id: fc.stringMatching(/^[a-z]{1,6}$/), kind: fc.constantFrom('physician' as const, 'clinician' as const, 'staff' as const) }),
    { selector: (r) => r.id, minLength: 1, maxLength: 12 },
  );

  it('always adds up to the total exactly, each share within a cent of its exact part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), people, fc.integer({ min: 0, max: 30 }), (totalCents, recipients, othersSharing) => {
        const r = allocate({ totalCents, recipients, othersSharing });
        const sum = [...r.shares.values()].reduce((a, b) => a + b, 0) + r.othersCents;
        expect(sum).toBe(totalCents);
        const each = totalCents / (recipients.length + othersSharing);
        for (const cents of r.shares.values()) expect(Math.abs(cents - each)).toBeLessThan(1);
      }),
    );
  });

  it('is the same whatever order the people are listed in, and a physician never gets less than staff in an even split', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), people, fc.integer({ min: 0, max: 5 }), (totalCents, recipients, othersSharing) => {
        const a = allocate({ totalCents, recipients, othersSharing });
        const b = allocate({ totalCents, recipients: [...recipients].reverse(), othersSharing });
        expect(Object.fromEntries(b.shares)).toEqual(Object.fromEntries(a.shares));
        expect(b.othersCents).toBe(a.othersCents);
        const byKind = (k: string) => recipients.filter((r) => r.kind === k).map((r) => a.shares.get(r.id)!);
        const staffMax = Math.max(-Infinity, ...byKind('staff'));
        for (const cents of byKind('physician')) expect(cents).toBeGreaterThanOrEqual(staffMax);
      }),
    );
  });
});
