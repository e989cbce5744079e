import { Temporal } from 'temporal-polyfill';

/**
 * Instants are stored in UTC; people think in days and wall-clock times in their own zone. These
 * convert between the two with Temporal, so a day across a daylight-saving change is still the
 * right day and a 10:00 visit stays at 10:00.
 */

/** The zone this process runs in (the user's, on a desktop). */
let zoneSeen: { id: string; at: number } | null = null;

/**
 * This computer's zone. Asking costs ~150 µs (a new Intl formatter), and every check of a gift asks,
 * so the answer is kept for a minute: long enough to be free, short enough to follow a laptop that
 * changed zones.
 */
export function systemZone(): string {
  const now = Date.now();
  if (!zoneSeen || now - zoneSeen.at > 60_000) zoneSeen = { id: Temporal.Now.timeZoneId(), at: now };
  return zoneSeen.id;
}

export function zonedOf(instant: string, zone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(zone);
}

/** zone|UTC day → the zone's offset from UTC in ms all that day, or null when it changes during it. */
const dayOffsets = new Map<string, number | null>();

function steadyOffset(zone: string, utcDay: string): number | null {
  const key = `${zone}|${utcDay}`;
  let off = dayOffsets.get(key);
  if (off === undefined) {
    const start = Temporal.Instant.from(`${utcDay}T00:00:00Z`);
    const a = start.toZonedDateTimeISO(zone).offsetNanoseconds;
    const b = start.add({ hours: 24 }).toZonedDateTimeISO(zone).offsetNanoseconds;
    off = a === b ? a / 1e6 : null;
    if (dayOffsets.size > 20_000) dayOffsets.clear();
    dayOffsets.set(key, off);
  }
  return off;
}

/**
 * The calendar day an instant falls on in `zone`. A zone's offset is worked out once per UTC day
 * (Temporal's polyfill costs ~40 µs a conversion, and logging a visit needs one); on a day the
 * offset changes, every instant goes through Temporal itself.
 */
export function dayOf(instant: string, zone: string): string {
  if (instant.endsWith('Z')) {
    const off = steadyOffset(zone, instant.slice(0, 10));
    if (off !== null) return new Date(Date.parse(instant) + off).toISOString().slice(0, 10);
  }
  return zonedOf(instant, zone).toPlainDate().toString();
}

/** The wall-clock date and time of an instant in `zone`. */
export function wallClockOf(instant: string, zone: string): Temporal.PlainDateTime {
  return zonedOf(instant, zone).toPlainDateTime();
}

/** The instant of a wall-clock time in `zone`; a time skipped by a DST change moves forward (as clocks do). */
export function instantOf(wall: Temporal.PlainDateTime, zone: string): string {
  return new Date(wall.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds).toISOString();
}

/** Where a calendar day begins and ends in `zone`, as UTC instants [start, end). Days are 23 or 25 hours at a DST change. */
export function dayBounds(day: string, zone: string): { start: string; end: string } {
  const d = Temporal.PlainDate.from(day);
  const start = d.toZonedDateTime({ timeZone: zone });
  const end = d.add({ days: 1 }).toZonedDateTime({ timeZone: zone });
  return { start: new Date(start.epochMilliseconds).toISOString(), end: new Date(end.epochMilliseconds).toISOString() };
}

/**
 * Remembered answers of a pure day function: a busy office's scorecard asks about the same few
 * hundred days tens of thousands of times, and a lookup is several times cheaper than the Date
 * arithmetic. Cleared when full, so it never grows past `size`.
 */
function remembered<K, V>(fn: (k: K) => V, size = 8192): (k: K) => V {
  const seen = new Map<K, V>();
  return (k) => {
    let v = seen.get(k);
    if (v === undefined) {
      if (seen.size >= size) seen.clear();
      seen.set(k, (v = fn(k)));
    }
    return v;
  };
}

/** Days since 1970-01-01 of a YYYY-MM-DD: plain arithmetic for comparing many dates fast (no zone involved). */
export const epochDay: (day: string) => number = remembered((day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / 86_400_000);

/** The YYYY-MM-DD of a day counted from 1970-01-01 (epochDay's inverse). */
export const dayOfEpoch: (n: number) => string = remembered((n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10));

export function addDays(day: string, n: number): string {
  return Temporal.PlainDate.from(day).add({ days: n }).toString();
}
