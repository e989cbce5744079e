/**
 * Calendar days and times as the visits screens show them: `YYYY-MM-DD` days in the user's zone
 * (as the API takes them), formatted with Intl. Calendar arithmetic on a day is zone-free, so it
 * is done in UTC, where every day has 24 hours.
 */

import { Temporal } from 'temporal-polyfill';

export { addDays } from '../../../shared/visits/time';
export { userZone } from './visitTimes';

/** Today's date in `zone`, `YYYY-MM-DD`. */
export const todayIn = (zone: string): string => Temporal.Now.plainDateISO(zone).toString();

const utcDate = (day: string) => new Date(`${day}T00:00:00Z`);
export const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(utcDate(s).getTime());

export const firstOfMonth = (day: string): string => `${day.slice(0, 8)}01`;

const longDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const shortDay = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
const shortDayYear = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** "Tuesday, November 24, 2026" */
export const formatLongDay = (day: string): string => longDay.format(utcDate(day));

/** "Tue, Nov 24", with the year when it is not `today`'s. */
export const formatShortDay = (day: string, today: string): string => (day.slice(0, 4) === today.slice(0, 4) ? shortDay : shortDayYear).format(utcDate(day));

/** "9:30 AM" in `zone`, from an ISO instant. */
export function formatTime(instant: string, zone: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: zone }).format(new Date(instant));
}

/** "9:30 – 10:15 AM" in `zone`. */
export function formatTimeRange(from: string, to: string, zone: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: zone }).formatRange(new Date(from), new Date(to));
}
