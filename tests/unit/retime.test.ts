import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { VisitHours } from '../../src/shared/domain/visitHours';
import { retimeDay, type RetimeStop, type TimedStop } from '../../src/shared/visits/retime';

const day = '2026-11-24'; // a Tuesday (weekday 2)
const anyTime = VisitHours.parse([]);
const tueMornings = VisitHours.parse([{ days: [2], from: '09:00', to: '11:00' }]);
const tueSplit = VisitHours.parse([{ days: [2], from: '09:00', to: '11:00' }, { days: [2], from: '13:00', to: '16:00' }]);
const mondays = VisitHours.parse([{ days: [1], from: '09:00', to: '17:00' }]);
const outside = (text: string) => `Outside this office's best times (${text})`;

const stop = (id: string, durationMinutes: number, hours = anyTime, pinned?: string): RetimeStop => ({
  id,
  durationMinutes,
  hours,
  pinnedStart: pinned ? Temporal.PlainTime.from(pinned) : null,
});
/** id start–end, a pin, and the flag: the schedule as a liaison reads it. */
const row = (t: TimedStop) => [t.id, `${hhmm(t.start)}–${hhmm(t.end)}`, t.pinned, t.flag];
const hhmm = (t: Temporal.PlainDateTime) => (t.toPlainDate().toString() === day ? '' : `${t.toPlainDate()} `) + t.toPlainTime().toString({ smallestUnit: 'minute' });

describe("re-timing a day's visits", () => {
  it.each([
    ['back to back from 08:30 with the drives between', [stop('a', 30), stop('b', 45)], [15, 20], undefined, [
      ['a', '08:45–09:15', false, null],
      ['b', '09:35–10:20', false, null],
    ]],
    ['from another start of day', [stop('a', 30)], [10], '07:15', [['a', '07:25–07:55', false, null]]],
    ['a part-minute drive rounds up', [stop('a', 30), stop('b', 30)], [12.2, 0.5], undefined, [
      ['a', '08:43–09:13', false, null],
      ['b', '09:14–09:44', false, null],
    ]],
    ['waits for the office to open', [stop('a', 30, tueMornings)], [15], undefined, [['a', '09:00–09:30', false, null]]],
    ['arriving after the morning window, waits for the afternoon one', [stop('a', 150), stop('b', 30, tueSplit)], [0, 10], undefined, [
      ['a', '08:30–11:00', false, null],
      ['b', '13:00–13:30', false, null],
    ]],
    ['a visit that no longer fits the morning waits for the afternoon', [stop('a', 120), stop('b', 45, tueSplit)], [0, 0], undefined, [
      ['a', '08:30–10:30', false, null],
      ['b', '13:00–13:45', false, null],
    ]],
    ['waits for a window it overruns when none is long enough, and says so', [stop('a', 150, tueMornings)], [0], undefined, [
      ['a', '09:00–11:30', false, outside('Tue 09:00–11:00')],
    ]],
    ['goes on arrival when no window is left that day, and says so', [stop('a', 180), stop('b', 30, tueMornings)], [0, 15], undefined, [
      ['a', '08:30–11:30', false, null],
      ['b', '11:45–12:15', false, outside('Tue 09:00–11:00')],
    ]],
    ['… or when the office has none that weekday', [stop('a', 30, mondays)], [15], undefined, [['a', '08:45–09:15', false, outside('Mon 09:00–17:00')]]],
    ['a pinned visit keeps its time, and the next follows its end', [stop('a', 30), stop('p', 60, anyTime, '10:00'), stop('b', 30)], [15, 10, 5], undefined, [
      ['a', '08:45–09:15', false, null],
      ['p', '10:00–11:00', true, null],
      ['b', '11:05–11:35', false, null],
    ]],
    ["a pinned visit the drive can't make is flagged, not moved", [stop('a', 90), stop('p', 30, anyTime, '10:00'), stop('b', 30)], [15, 20, 5], undefined, [
      ['a', '08:45–10:15', false, null],
      ['p', '10:00–10:30', true, "Can't reach by 10:00 after the previous stop"],
      ['b', '10:35–11:05', false, null],
    ]],
    ['… the first one, from the start of the day', [stop('p', 30, anyTime, '08:40')], [15], undefined, [
      ['p', '08:40–09:10', true, "Can't reach by 08:40 from the day's start"],
    ]],
    ['a pinned visit outside best times is flagged too', [stop('p', 30, tueMornings, '08:00')], [45], '07:00', [['p', '08:00–08:30', true, outside('Tue 09:00–11:00')]]],
    ['… with both reasons when both hold', [stop('p', 30, tueMornings, '08:00')], [45], undefined, [
      ['p', '08:00–08:30', true, `Can't reach by 08:00 from the day's start. ${outside('Tue 09:00–11:00')}`],
    ]],
    ['a pinned visit reached exactly on time is fine', [stop('p', 30, anyTime, '08:45')], [15], undefined, [['p', '08:45–09:15', true, null]]],
  ])('%s', (_name, stops, travelMinutes, dayStart, expected) => {
    expect(retimeDay({ day, stops, travelMinutes, ...(dayStart ? { dayStart } : {}) }).map(row)).toEqual(expected);
  });

  it('flags a visit that runs or is pushed past midnight, and never moves it to another day', () => {
    const stops = [stop('a', 600), stop('b', 240), stop('c', 30, tueMornings), stop('d', 30)];
    expect(retimeDay({ day, dayStart: '09:00', stops, travelMinutes: [0, 30, 30, 30] }).map(row)).toEqual([
      ['a', '09:00–19:00', false, null],
      ['b', '19:30–23:30', false, null],
      ['c', '2026-11-25 00:00–2026-11-25 00:30', false, 'Pushed past midnight'],
      ['d', '2026-11-25 01:00–2026-11-25 01:30', false, 'Pushed past midnight'],
    ]);
    expect(retimeDay({ day, dayStart: '23:00', stops: [stop('a', 90)], travelMinutes: [0] }).map(row)).toEqual([['a', '23:00–2026-11-25 00:30', false, 'Runs past midnight']]);
    expect(retimeDay({ day, dayStart: '23:00', stops: [stop('a', 60)], travelMinutes: [0] }).map(row)).toEqual([['a', '23:00–2026-11-25 00:00', false, null]]);
  });

  it('gives full date-times and keeps the order it was given', () => {
    const [a] = retimeDay({ day, stops: [stop('a', 30)], travelMinutes: [0] });
    expect(a).toEqual({ id: 'a', start: Temporal.PlainDateTime.from('2026-11-24T08:30'), end: Temporal.PlainDateTime.from('2026-11-24T09:00'), pinned: false, flag: null });
    expect(retimeDay({ day, stops: [stop('z', 5), stop('y', 5), stop('x', 5)], travelMinutes: [0, 0, 0] }).map((t) => t.id)).toEqual(['z', 'y', 'x']);
  });

  it('has nothing to do for an empty day, and refuses drives that do not match the stops', () => {
    expect(retimeDay({ day, stops: [], travelMinutes: [] })).toEqual([]);
    expect(() => retimeDay({ day, stops: [stop('a', 30)], travelMinutes: [] })).toThrow(RangeError);
    expect(() => retimeDay({ day, stops: [stop('a', 30)], travelMinutes: [Number.NaN] })).toThrow(RangeError);
    expect(() => retimeDay({ day, stops: [stop('a', -5)], travelMinutes: [0] })).toThrow(RangeError);
  });
});
