import { Temporal } from 'temporal-polyfill';
import { instantOf, wallClockOf } from '../../../shared/visits/time';

/** The user's zone, as this computer reports it: every time on screen is in it. */
export const userZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Today in the user's zone, YYYY-MM-DD. */
export const todayDay = (): string => Temporal.Now.plainDateISO(userZone()).toString();

/** A form's date + time fields (as typed, in the user's zone) and a length → UTC instants. */
export function formInstants(date: string, time: string, minutes: number): { startsAt: string; endsAt: string } | null {
  try {
    const wall = Temporal.PlainDateTime.from(`${date}T${time}`);
    const zone = userZone();
    return { startsAt: instantOf(wall, zone), endsAt: instantOf(wall.add({ minutes }), zone) };
  } catch {
    return null;
  }
}

/** A stored instant as the form's date and time fields, and the minutes to its end. */
export function formFields(startsAt: string, endsAt: string): { date: string; time: string; minutes: number } {
  const wall = wallClockOf(startsAt, userZone());
  return {
    date: wall.toPlainDate().toString(),
    time: wall.toPlainTime().toString({ smallestUnit: 'minute' }),
    minutes: Math.max(1, Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000)),
  };
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
const dayYearFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** "Tue, Nov 24, 9:00 AM–9:45 AM" in the user's zone (the default of Intl). */
export function describeSlot(startsAt: string, endsAt: string): string {
  const s = new Date(startsAt);
  return `${dayFormat.format(s)}, ${timeFormat.format(s)}–${timeFormat.format(new Date(endsAt))}`;
}

/** A YYYY-MM-DD as "Tue, Nov 24, 2026", read as a calendar day (no zone shift). */
export function describeDay(day: string): string {
  return dayYearFormat.format(new Date(`${day}T00:00:00Z`));
}
