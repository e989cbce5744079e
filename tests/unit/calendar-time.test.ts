import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  dateInZone,
  durationMinutes,
  formatVisitWhen,
  instantToWallClock,
  isSkippedWallClock,
  moveKeepingDuration,
  normalizeUtcIso,
  shiftAnchor,
  todayIn,
  toUtcIso,
  wallClockToInstant,
} from '../../src/shared/visits/calendarTime';

const NY = 'America/New_York';
const TOKYO = 'Asia/Tokyo';

// 2025 in New York: clocks go forward Sun Mar 9 at 02:00 (EST, UTC-5 → EDT, UTC-4) and back
// Sun Nov 2 at 02:00 (EDT → EST).
describe('wall clock ↔ UTC in America/New_York around daylight saving time', () => {
  it('reads the same 10:00 on both sides of the spring change, an hour apart in UTC', () => {
    expect(instantToWallClock('2025-03-08T15:00:00Z', NY)).toEqual({ date: '2025-03-08', time: '10:00' });
    expect(instantToWallClock('2025-03-09T14:00:00Z', NY)).toEqual({ date: '2025-03-09', time: '10:00' });
    expect(wallClockToInstant('2025-03-08', '10:00', NY)).toBe('2025-03-08T15:00:00Z');
    expect(wallClockToInstant('2025-03-09', '10:00', NY)).toBe('2025-03-09T14:00:00Z');
  });

  it('knows 02:30 never happens on the spring-forward day, and moves it past the gap if asked anyway', () => {
    expect(isSkippedWallClock('2025-03-09', '02:30', NY)).toBe(true);
    expect(isSkippedWallClock('2025-03-09', '03:30', NY)).toBe(false);
    expect(isSkippedWallClock('2025-03-08', '02:30', NY)).toBe(false);
    expect(wallClockToInstant('2025-03-09', '02:30', NY)).toBe('2025-03-09T07:30:00Z'); // 03:30 EDT
  });

  it('takes the first 01:30 on the fall-back day, when that time happens twice', () => {
    expect(isSkippedWallClock('2025-11-02', '01:30', NY)).toBe(false);
    expect(wallClockToInstant('2025-11-02', '01:30', NY)).toBe('2025-11-02T05:30:00Z'); // EDT, not 06:30Z (EST)
    expect(instantToWallClock('2025-11-02T06:30:00Z', NY)).toEqual({ date: '2025-11-02', time: '01:30' });
  });

  it('moves a 45-minute visit from Saturday to the spring-forward Sunday at the same wall-clock time', () => {
    expect(moveKeepingDuration('2025-03-08T15:00:00Z', '2025-03-08T15:45:00Z', '2025-03-09', '10:00', NY)).toEqual({
      start: '2025-03-09T14:00:00Z',
      end: '2025-03-09T14:45:00Z',
    });
  });

  it('measures a visit across the gap in elapsed time and labels it by the clock on the wall', () => {
    // 01:30 EST to 03:30 EDT is one hour.
    expect(durationMinutes('2025-03-09T06:30:00Z', '2025-03-09T07:30:00Z')).toBe(60);
    expect(formatVisitWhen('2025-03-09T06:30:00Z', '2025-03-09T07:30:00Z', NY)).toBe('Sun, Mar 9, 01:30–03:30');
    // A one-hour move that lands on 01:30 keeps one hour, though the clock then reads 03:30.
    expect(moveKeepingDuration('2025-03-08T15:00:00Z', '2025-03-08T16:00:00Z', '2025-03-09', '01:30', NY)).toEqual({
      start: '2025-03-09T06:30:00Z',
      end: '2025-03-09T07:30:00Z',
    });
  });
});

describe('a zone ahead of UTC (Asia/Tokyo, UTC+9)', () => {
  it('puts an evening UTC instant on the next calendar day', () => {
    expect(instantToWallClock('2025-03-09T23:30:00Z', TOKYO)).toEqual({ date: '2025-03-10', time: '08:30' });
    expect(dateInZone('2025-03-09T23:30:00Z', TOKYO)).toBe('2025-03-10');
    expect(dateInZone('2025-03-09T23:30:00Z', NY)).toBe('2025-03-09');
    expect(wallClockToInstant('2025-03-10', '08:30', TOKYO)).toBe('2025-03-09T23:30:00Z');
    expect(formatVisitWhen('2025-03-09T23:30:00Z', '2025-03-10T00:15:00Z', TOKYO)).toBe('Mon, Mar 10, 08:30–09:15');
  });

  it('moves a visit to a Tokyo morning that is the previous day in UTC', () => {
    expect(moveKeepingDuration('2025-03-09T23:30:00Z', '2025-03-10T00:15:00Z', '2025-03-11', '09:00', TOKYO)).toEqual({
      start: '2025-03-11T00:00:00Z',
      end: '2025-03-11T00:45:00Z',
    });
    expect(moveKeepingDuration('2025-03-09T23:30:00Z', '2025-03-10T00:15:00Z', '2025-03-11', '08:00', TOKYO).start).toBe('2025-03-10T23:00:00Z');
  });

  it('says what day it is there, not in UTC', () => {
    const now = Temporal.Instant.from('2025-03-09T23:30:00Z');
    expect(todayIn(TOKYO, now)).toBe('2025-03-10');
    expect(todayIn(NY, now)).toBe('2025-03-09');
  });
});

describe('labels and conversions', () => {
  it('writes both days when a visit runs past midnight', () => {
    expect(formatVisitWhen('2025-03-12T03:30:00Z', '2025-03-12T04:15:00Z', NY)).toBe('Tue, Mar 11, 23:30 – Wed, Mar 12, 00:15');
  });

  it('gives FullCalendar’s Dates and offset strings back as canonical UTC ISO', () => {
    expect(toUtcIso(new Date(Date.UTC(2025, 2, 9, 14, 0)))).toBe('2025-03-09T14:00:00Z');
    expect(toUtcIso(new Date(Date.UTC(2025, 2, 9, 14, 0, 0, 250)))).toBe('2025-03-09T14:00:00.25Z');
    expect(normalizeUtcIso('2025-03-09T10:00:00-04:00')).toBe('2025-03-09T14:00:00Z');
    expect(normalizeUtcIso('2025-03-09T14:00:00.000Z')).toBe('2025-03-09T14:00:00Z');
  });

  it('steps the visible range by the view: calendar months, weeks, days', () => {
    expect(shiftAnchor('2025-01-31', 'month', 1)).toBe('2025-02-28');
    expect(shiftAnchor('2024-03-31', 'month', -1)).toBe('2024-02-29');
    expect(shiftAnchor('2025-03-09', 'week', -1)).toBe('2025-03-02');
    expect(shiftAnchor('2025-03-09', 'list', 1)).toBe('2025-03-16');
    expect(shiftAnchor('2025-12-31', 'day', 1)).toBe('2026-01-01');
  });

  it('round-trips every wall-clock minute of 2025 that exists, in New York and Tokyo', () => {
    const minute = fc.record({
      day: fc.integer({ min: 0, max: 364 }),
      minuteOfDay: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      zone: fc.constantFrom(NY, TOKYO, 'Australia/Sydney', 'Asia/Kolkata'),
    });
    fc.assert(
      fc.property(minute, ({ day, minuteOfDay, zone }) => {
        const date = Temporal.PlainDate.from('2025-01-01').add({ days: day }).toString();
        const time = `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
        if (isSkippedWallClock(date, time, zone)) return;
        expect(instantToWallClock(wallClockToInstant(date, time, zone), zone)).toEqual({ date, time });
      }),
    );
  });
});
