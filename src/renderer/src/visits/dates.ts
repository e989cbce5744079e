/**
 * Calendar days and times as the visits screens show them: `YYYY-MM-DD` days in the user's zone
 * (as the API takes them), formatted with Intl. Calendar arithmetic on a day is zone-free, so it
 * is done in UTC, where every day has 24 hours.
 */

/** The user's zone, passed as `zone` to the calls that take one. */
export const userZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Today's date in `zone`, `YYYY-MM-DD`. */
export function todayIn(zone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const utcDate = (day: string) => new Date(`${day}T00:00:00Z`);
export const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(utcDate(s).getTime());

export function addDays(day: string, days: number): string {
  const d = utcDate(day);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

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
