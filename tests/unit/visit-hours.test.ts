import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { VisitHours } from '../../src/shared/domain/visitHours';
import { checkVisitHours, describeVisitHours, nextWindowStart, windowsOn } from '../../src/shared/visits/visitHours';

const hours = (...windows: { days: number[]; from: string; to: string }[]) => VisitHours.parse(windows);
// 2026-11-23 is a Monday; the 24th a Tuesday … the 29th a Sunday.
const at = (s: string) => Temporal.PlainDateTime.from(s);

const mornings = hours({ days: [2, 4], from: '08:00', to: '11:00' }, { days: [3], from: '13:00', to: '16:00' });
const split = hours({ days: [1], from: '08:00', to: '11:00' }, { days: [1], from: '13:00', to: '16:00' });
const outsideMornings = "Outside this office's best times (Tue, Thu 08:00–11:00; Wed 13:00–16:00)";

describe('whether a visit suits the office', () => {
  it.each([
    ['any time when it has no best times', hours(), '2026-11-29T23:00', '2026-11-29T23:59', true],
    ['inside a window', mornings, '2026-11-24T09:00', '2026-11-24T09:30', true],
    ['starting exactly as the window opens', mornings, '2026-11-24T08:00', '2026-11-24T08:30', true],
    ['ending exactly as it closes', mornings, '2026-11-24T10:30', '2026-11-24T11:00', true],
    ['filling it exactly', mornings, '2026-11-26T08:00', '2026-11-26T11:00', true],
    ['not a minute before it opens', mornings, '2026-11-24T07:59', '2026-11-24T08:30', false],
    ['not a minute past its close', mornings, '2026-11-24T10:31', '2026-11-24T11:01', false],
    ['not on a weekday it lacks (Wednesday morning)', mornings, '2026-11-25T09:00', '2026-11-25T09:30', false],
    ['Wednesday afternoon is weekday 3', mornings, '2026-11-25T14:00', '2026-11-25T15:00', true],
    ['Sunday is weekday 7', hours({ days: [7], from: '10:00', to: '12:00' }), '2026-11-29T10:00', '2026-11-29T11:00', true],
    ['… and Monday 1', hours({ days: [1], from: '10:00', to: '12:00' }), '2026-11-23T10:00', '2026-11-23T11:00', true],
    ['not spanning the gap between two windows', split, '2026-11-23T10:30', '2026-11-23T13:30', false],
    ['windows that touch make one', hours({ days: [1], from: '08:00', to: '11:00' }, { days: [1], from: '11:00', to: '13:00' }), '2026-11-23T10:30', '2026-11-23T11:30', true],
    ['… as do overlapping ones', hours({ days: [1], from: '08:00', to: '11:00' }, { days: [1, 2], from: '09:00', to: '12:00' }), '2026-11-23T08:30', '2026-11-23T11:30', true],
    ['not past midnight, whatever the windows', hours({ days: [1, 2], from: '00:00', to: '23:59' }), '2026-11-23T23:30', '2026-11-24T00:15', false],
  ])('%s', (_name, h, start, end, ok) => {
    const result = checkVisitHours(h, at(start), at(end));
    expect(result).toEqual(ok ? { ok: true } : { ok: false, message: expect.stringMatching(/^Outside this office's best times \(.+\)$/) });
  });

  it("says when the office's best times are", () => {
    expect(checkVisitHours(mornings, at('2026-11-24T07:00'), at('2026-11-24T07:30'))).toEqual({ ok: false, message: outsideMornings });
  });

  it('refuses a visit that ends before it starts', () => {
    expect(() => checkVisitHours(hours(), at('2026-11-24T09:00'), at('2026-11-24T08:00'))).toThrow(RangeError);
  });
});

describe('best times in words', () => {
  it.each([
    ['none', hours(), ''],
    ['a run of days as a range', hours({ days: [1, 2, 3], from: '08:00', to: '11:00' }, { days: [4], from: '13:00', to: '16:00' }), 'Mon–Wed 08:00–11:00; Thu 13:00–16:00'],
    ['days apart listed', mornings, 'Tue, Thu 08:00–11:00; Wed 13:00–16:00'],
    ['two days in a row listed too', hours({ days: [7, 6], from: '09:00', to: '12:00' }), 'Sat, Sun 09:00–12:00'],
    ['days with the same windows together, however they were entered', hours({ days: [1, 5], from: '08:00', to: '11:00' }, { days: [5, 1], from: '13:00', to: '16:00' }, { days: [3], from: '08:00', to: '11:00' }), 'Mon, Fri 08:00–11:00, 13:00–16:00; Wed 08:00–11:00'],
    ['ranges and single days mixed', hours({ days: [1, 2, 3, 5, 6], from: '07:30', to: '09:00' }), 'Mon–Wed, Fri, Sat 07:30–09:00'],
    ['touching windows joined', hours({ days: [2], from: '08:00', to: '11:00' }, { days: [2], from: '11:00', to: '12:30' }), 'Tue 08:00–12:30'],
  ])('%s', (_name, h, text) => {
    expect(describeVisitHours(h)).toBe(text);
  });
});

describe('the next time a visit is welcome', () => {
  it.each([
    ['itself, inside a window', mornings, '2026-11-24T09:15', '2026-11-24T09:15'],
    ['itself, exactly at the opening', mornings, '2026-11-24T08:00', '2026-11-24T08:00'],
    ['the opening, before it', mornings, '2026-11-24T06:45', '2026-11-24T08:00'],
    ["the next day's window, at the close", mornings, '2026-11-24T11:00', '2026-11-25T13:00'],
    ["the afternoon's, between two windows", split, '2026-11-23T11:30', '2026-11-23T13:00'],
    ['a week on, when the one weekday has passed', hours({ days: [1], from: '08:00', to: '09:00' }), '2026-11-23T10:00', '2026-11-30T08:00'],
    ['over a weekend', mornings, '2026-11-27T08:00', '2026-12-01T08:00'],
  ])('%s', (_name, h, from, next) => {
    expect(nextWindowStart(h, at(from))?.toString()).toBe(at(next).toString());
  });

  it('is nothing when the office has no best times', () => {
    expect(nextWindowStart(hours(), at('2026-11-24T09:00'))).toBeNull();
  });

  it("lists a date's windows in time order", () => {
    const windows = windowsOn(hours({ days: [1], from: '13:00', to: '16:00' }, { days: [1], from: '08:00', to: '11:00' }), Temporal.PlainDate.from('2026-11-23'));
    expect(windows.map((w) => `${w.start}/${w.end}`)).toEqual(['2026-11-23T08:00:00/2026-11-23T11:00:00', '2026-11-23T13:00:00/2026-11-23T16:00:00']);
  });
});

const minute = (m: number) => Temporal.PlainTime.from({ hour: Math.floor(m / 60), minute: m % 60 });
const hhmm = (m: number) => minute(m).toString({ smallestUnit: 'minute' });
const aDay = fc.integer({ min: 0, max: 3650 }).map((n) => Temporal.PlainDate.from('2024-01-01').add({ days: n }));
const aWindow = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    a: fc.integer({ min: 0, max: 1439 }),
    b: fc.integer({ min: 0, max: 1439 }),
  })
  .filter((w) => w.a !== w.b)
  .map((w) => ({ days: w.days, from: hhmm(Math.min(w.a, w.b)), to: hhmm(Math.max(w.a, w.b)) }));
const anHours = fc.array(aWindow, { minLength: 1, maxLength: 6 }).map((ws) => VisitHours.parse(ws));

describe('visit hours properties (fast-check; the seed is printed on failure)', () => {
  it('any visit inside a window is welcome, whatever other windows there are', () => {
    fc.assert(
      fc.property(aWindow, anHours, aDay, fc.integer({ min: 0, max: 1 << 20 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (window, others, day, pick, s, e) => {
        const date = day.add({ days: (window.days[pick % window.days.length]! - day.dayOfWeek + 7) % 7 });
        const from = Temporal.PlainTime.from(window.from), to = Temporal.PlainTime.from(window.to);
        const length = from.until(to).total('minutes');
        const startOffset = Math.floor(s * length);
        const endOffset = startOffset + Math.floor(e * (length - startOffset));
        const start = date.toPlainDateTime(from).add({ minutes: startOffset });
        const end = date.toPlainDateTime(from).add({ minutes: endOffset });
        expect(checkVisitHours(VisitHours.parse([...others, window]), start, end)).toEqual({ ok: true });
      }),
    );
  });

  it('a visit starting before every window of its day is not', () => {
    fc.assert(
      fc.property(anHours, aDay, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 600 }), (h, day, s, length) => {
        const first = windowsOn(h, day)[0];
        const opens = first ? first.start.toPlainTime() : Temporal.PlainTime.from('23:59');
        const before = Math.floor(s * (opens.hour * 60 + opens.minute)) - (first ? 1 : 0);
        if (before < 0) return; // the day's first window opens at midnight: nothing is before it
        const start = day.toPlainDateTime(minute(before));
        const result = checkVisitHours(h, start, start.add({ minutes: length }));
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('the next window start is never earlier than asked, and a visit may begin there', () => {
    fc.assert(
      fc.property(anHours, aDay, fc.integer({ min: 0, max: 1439 }), (h, day, m) => {
        const from = day.toPlainDateTime(minute(m));
        const next = nextWindowStart(h, from)!;
        expect(Temporal.PlainDateTime.compare(next, from)).toBeGreaterThanOrEqual(0);
        expect(checkVisitHours(h, next, next.add({ minutes: 1 }))).toEqual({ ok: true });
      }),
    );
  });
});
