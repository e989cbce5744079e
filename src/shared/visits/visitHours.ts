import { Temporal } from 'temporal-polyfill';
import { WEEKDAY_SHORT, WEEKDAYS, type VisitHours, type Weekday } from '../domain/visitHours';

export type HoursCheck = { ok: true } | { ok: false; message: string };

/** A stretch of one date when the office welcomes visits, from its start to its end. */
export interface OpenWindow {
  start: Temporal.PlainDateTime;
  end: Temporal.PlainDateTime;
}

interface Span {
  from: Temporal.PlainTime;
  to: Temporal.PlainTime;
}

/**
 * One weekday's windows in time order, overlapping or touching ones joined: an office that
 * entered 08:00–11:00 and 11:00–13:00 welcomes a visit from 10:30 to 11:30.
 */
function spansOn(hours: VisitHours, weekday: number): Span[] {
  const spans = hours
    .filter((w) => (w.days as readonly number[]).includes(weekday))
    .map((w) => ({ from: Temporal.PlainTime.from(w.from), to: Temporal.PlainTime.from(w.to) }))
    .sort((a, b) => Temporal.PlainTime.compare(a.from, b.from));
  const joined: Span[] = [];
  for (const s of spans) {
    const last = joined.at(-1);
    if (last && Temporal.PlainTime.compare(s.from, last.to) <= 0) {
      if (Temporal.PlainTime.compare(s.to, last.to) > 0) last.to = s.to;
    } else joined.push({ ...s });
  }
  return joined;
}

/** The office's windows on one date (none when it has no best times that weekday, or none at all). */
export function windowsOn(hours: VisitHours, date: Temporal.PlainDate): OpenWindow[] {
  return spansOn(hours, date.dayOfWeek).map((s) => ({ start: date.toPlainDateTime(s.from), end: date.toPlainDateTime(s.to) }));
}

/**
 * Whether a visit from `start` to `end` suits the office: it has no best times (any time is
 * fine), or the whole visit lies in one of that weekday's windows, ends included. A visit
 * running past midnight never does, as windows are within a day.
 */
export function checkVisitHours(hours: VisitHours, start: Temporal.PlainDateTime, end: Temporal.PlainDateTime): HoursCheck {
  if (Temporal.PlainDateTime.compare(end, start) < 0) throw new RangeError(`A visit cannot end (${end}) before it starts (${start})`);
  if (hours.length === 0) return { ok: true };
  const inside = windowsOn(hours, start.toPlainDate()).some(
    (w) => Temporal.PlainDateTime.compare(w.start, start) <= 0 && Temporal.PlainDateTime.compare(end, w.end) <= 0,
  );
  return inside ? { ok: true } : { ok: false, message: `Outside this office's best times (${describeVisitHours(hours)})` };
}

const clock = (t: Temporal.PlainTime) => t.toString({ smallestUnit: 'minute' });

/**
 * Best times as a person would write them, days with the same windows together:
 * "Mon–Wed 08:00–11:00; Thu 13:00–16:00", "Tue, Thu 08:00–11:00, 13:00–16:00"; "" for none.
 */
export function describeVisitHours(hours: VisitHours): string {
  const daysByWindows = new Map<string, Weekday[]>();
  for (const day of WEEKDAYS) {
    const spans = spansOn(hours, day);
    if (!spans.length) continue;
    const key = spans.map((s) => `${clock(s.from)}–${clock(s.to)}`).join(', ');
    daysByWindows.set(key, [...(daysByWindows.get(key) ?? []), day]);
  }
  return [...daysByWindows].map(([windows, days]) => `${describeDays(days)} ${windows}`).join('; ');
}

/** Runs of three or more days as a range ("Mon–Wed"), shorter ones listed ("Tue, Thu", "Sat, Sun"). */
function describeDays(days: Weekday[]): string {
  const runs: Weekday[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && run.at(-1)! + 1 === day) run.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) => (run.length >= 3 ? [`${WEEKDAY_SHORT[run[0]!]}–${WEEKDAY_SHORT[run.at(-1)!]}`] : run.map((d) => WEEKDAY_SHORT[d])))
    .join(', ');
}

/**
 * The first moment at or after `from` inside a window, to suggest a time: `from` itself when it
 * is inside one, else the next window's opening, looking up to a week ahead. A window's closing
 * minute counts as past it (nothing fits there). Null when the office has no best times.
 */
export function nextWindowStart(hours: VisitHours, from: Temporal.PlainDateTime): Temporal.PlainDateTime | null {
  for (let ahead = 0; ahead <= 7; ahead++) {
    for (const w of windowsOn(hours, from.toPlainDate().add({ days: ahead }))) {
      if (Temporal.PlainDateTime.compare(from, w.end) >= 0) continue;
      return Temporal.PlainDateTime.compare(from, w.start) > 0 ? from : w.start;
    }
  }
  return null;
}
