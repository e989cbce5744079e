import { Temporal } from 'temporal-polyfill';

/**
 * The calendar's time math, pure and in one place. Visits are stored as UTC instants
 * (`2025-03-09T14:00:00Z`); people see and type wall-clock times in their own zone (an IANA name
 * such as `America/New_York`), never the browser's. FullCalendar v7 converts for display itself
 * (its `timeZone` option takes an IANA name and uses Temporal); this file does the rest: the
 * accessible labels, the move dialog's fields and the toolbar's dates.
 */

/** The calendar's views, by what a person calls them. */
export type CalendarView = 'month' | 'week' | 'day' | 'list';

/** A wall-clock reading in a zone: `YYYY-MM-DD` and 24-hour `HH:mm`. */
export interface WallClock {
  date: string;
  time: string;
}

const instant = (iso: string) => Temporal.Instant.from(iso);
const zoned = (iso: string, zone: string) => instant(iso).toZonedDateTimeISO(zone);
const two = (n: number) => String(n).padStart(2, '0');
const clockOf = (z: Temporal.ZonedDateTime | Temporal.PlainDateTime) => `${two(z.hour)}:${two(z.minute)}`;

/** A JS Date (what FullCalendar hands back: a real instant) as an ISO UTC string, `…Z`, no milliseconds when there are none. */
export function toUtcIso(d: Date): string {
  return Temporal.Instant.fromEpochMilliseconds(d.getTime()).toString();
}

/** Any ISO instant (with `Z` or an offset) in the canonical UTC form `toUtcIso` gives. */
export function normalizeUtcIso(iso: string): string {
  return instant(iso).toString();
}

/** What a wall clock in `zone` reads at the instant `iso`. */
export function instantToWallClock(iso: string, zone: string): WallClock {
  const z = zoned(iso, zone);
  return { date: z.toPlainDate().toString(), time: clockOf(z) };
}

/** The calendar day (`YYYY-MM-DD`) in `zone` at the instant `iso`. */
export function dateInZone(iso: string, zone: string): string {
  return zoned(iso, zone).toPlainDate().toString();
}

/** Today's date in `zone`. */
export function todayIn(zone: string, now: Temporal.Instant = Temporal.Now.instant()): string {
  return now.toZonedDateTimeISO(zone).toPlainDate().toString();
}

const plain = (date: string, time: string) => Temporal.PlainDateTime.from(`${date}T${time}`);

/**
 * The instant a wall clock in `zone` reads `date` `time`, as ISO UTC. A time that happens twice
 * (the hour repeated when clocks go back) is its first occurrence; a time that never happens (the
 * hour skipped when clocks go forward) moves forward by the gap, as Temporal's `compatible` does
 * and FullCalendar does: check `isSkippedWallClock` first to refuse it instead.
 */
export function wallClockToInstant(date: string, time: string, zone: string): string {
  return plain(date, time).toZonedDateTime(zone, { disambiguation: 'compatible' }).toInstant().toString();
}

/** True when clocks in `zone` skip `date` `time` (the spring-forward gap): no instant reads it. */
export function isSkippedWallClock(date: string, time: string, zone: string): boolean {
  const p = plain(date, time);
  return !p.toZonedDateTime(zone, { disambiguation: 'compatible' }).toPlainDateTime().equals(p);
}

/** Minutes from `startIso` to `endIso` (elapsed time: a 45-minute visit is 45 minutes on a DST day too). */
export function durationMinutes(startIso: string, endIso: string): number {
  return instant(startIso).until(instant(endIso), { largestUnit: 'minutes' }).total('minutes');
}

/**
 * A visit moved to start at `date` `time` in `zone`, keeping its length. Both as ISO UTC.
 */
export function moveKeepingDuration(startIso: string, endIso: string, date: string, time: string, zone: string): { start: string; end: string } {
  const start = wallClockToInstant(date, time, zone);
  const length = instant(startIso).until(instant(endIso));
  return { start, end: instant(start).add(length).toString() };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** "Tue, Mar 11" for the wall-clock day in `zone` (en-US, as the rest of the app writes dates). */
function dayLabel(iso: string, zone: string): string {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric' });
    dayFormats.set(zone, f);
  }
  return f.format(new Date(instant(iso).epochMilliseconds));
}

/** The 24-hour wall-clock time, `HH:mm`, in `zone` at `iso`. */
export function clockInZone(iso: string, zone: string): string {
  return clockOf(zoned(iso, zone));
}

/**
 * When a visit is, as a person reads it in `zone`: "Tue, Mar 11, 10:00–10:45", or with both days
 * when it ends on another one: "Tue, Mar 11, 23:30 – Wed, Mar 12, 00:15".
 */
export function formatVisitWhen(startIso: string, endIso: string, zone: string): string {
  const sameDay = dateInZone(startIso, zone) === dateInZone(endIso, zone);
  const start = `${dayLabel(startIso, zone)}, ${clockInZone(startIso, zone)}`;
  return sameDay ? `${start}–${clockInZone(endIso, zone)}` : `${start} – ${dayLabel(endIso, zone)}, ${clockInZone(endIso, zone)}`;
}

const STEP: Record<CalendarView, Temporal.DurationLike> = { month: { months: 1 }, week: { weeks: 1 }, day: { days: 1 }, list: { weeks: 1 } };

/** The anchor date one view-length before (-1) or after (+1) `date`: Jan 31 + a month is Feb 28 (or 29). */
export function shiftAnchor(date: string, view: CalendarView, direction: -1 | 1): string {
  const d = Temporal.PlainDate.from(date);
  return (direction > 0 ? d.add(STEP[view], { overflow: 'constrain' }) : d.subtract(STEP[view], { overflow: 'constrain' })).toString();
}
