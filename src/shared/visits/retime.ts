import { Temporal } from 'temporal-polyfill';
import type { VisitHours } from '../domain/visitHours';
import { checkVisitHours, nextWindowStart, windowsOn } from './visitHours';

export interface RetimeStop {
  id: string;
  durationMinutes: number;
  /** a time agreed with the office: kept whatever the route does around it */
  pinnedStart?: Temporal.PlainTime | null;
  hours: VisitHours;
}

export interface RetimeInput {
  /** the visit day, `YYYY-MM-DD` in the user's zone */
  day: string;
  /** when the liaison sets out, `HH:MM` (default 08:30) */
  dayStart?: string;
  /** in route order */
  stops: readonly RetimeStop[];
  /** minutes of driving before each stop, the first from the start point (the caller turns miles into minutes) */
  travelMinutes: readonly number[];
}

export interface TimedStop {
  id: string;
  start: Temporal.PlainDateTime;
  end: Temporal.PlainDateTime;
  pinned: boolean;
  /** what is wrong with this time, for the liaison to see; null when nothing is */
  flag: string | null;
}

export const DEFAULT_DAY_START = '08:30';

/**
 * New times for a day's visits after they were re-ordered. Each unpinned visit goes as early as
 * the previous one's end plus the drive allows, waiting (the same day only) for the office's
 * best times: for the first window the whole visit fits in, else at least until one opens. A
 * pinned visit keeps its time and is flagged when the drive cannot make it; the stops after it
 * follow its planned end, as that is the time on the calendar. Anything outside the office's
 * best times or past midnight is flagged, never silently moved to another day.
 *
 * Drives and visits are whole minutes (a fraction rounds up) so times read as a person plans.
 */
export function retimeDay({ day, dayStart = DEFAULT_DAY_START, stops, travelMinutes }: RetimeInput): TimedStop[] {
  if (travelMinutes.length !== stops.length) {
    throw new RangeError(`Expected a drive before each of the ${stops.length} stops, got ${travelMinutes.length}`);
  }
  const date = Temporal.PlainDate.from(day);
  const midnight = date.add({ days: 1 }).toPlainDateTime();
  let ready = date.toPlainDateTime(Temporal.PlainTime.from(dayStart));
  return stops.map((stop, i) => {
    const arrival = ready.add({ minutes: wholeMinutes(travelMinutes[i]!, 'drive') });
    const minutes = wholeMinutes(stop.durationMinutes, 'visit');
    const flags: string[] = [];
    let start: Temporal.PlainDateTime;
    if (stop.pinnedStart) {
      start = date.toPlainDateTime(stop.pinnedStart);
      if (Temporal.PlainDateTime.compare(arrival, start) > 0) {
        flags.push(`Can't reach by ${clock(stop.pinnedStart)} ${i === 0 ? "from the day's start" : 'after the previous stop'}`);
      }
    } else {
      start = earliestWelcome(stop.hours, arrival, minutes, date);
    }
    const end = start.add({ minutes });
    if (Temporal.PlainDateTime.compare(start, midnight) >= 0) flags.push('Pushed past midnight');
    else if (Temporal.PlainDateTime.compare(end, midnight) > 0) flags.push('Runs past midnight');
    else {
      const check = checkVisitHours(stop.hours, start, end);
      if (!check.ok) flags.push(check.message);
    }
    ready = end;
    return { id: stop.id, start, end, pinned: Boolean(stop.pinnedStart), flag: flags.length ? flags.join('. ') : null };
  });
}

/**
 * The earliest start from `arrival` on `date` where the whole visit fits one window; failing
 * that, when the next window opens that day (the visit overruns, and is flagged); failing that,
 * on arrival. No best times: on arrival.
 */
function earliestWelcome(hours: VisitHours, arrival: Temporal.PlainDateTime, minutes: number, date: Temporal.PlainDate): Temporal.PlainDateTime {
  if (!arrival.toPlainDate().equals(date)) return arrival;
  for (const w of windowsOn(hours, date)) {
    const start = Temporal.PlainDateTime.compare(arrival, w.start) > 0 ? arrival : w.start;
    if (Temporal.PlainDateTime.compare(start.add({ minutes }), w.end) <= 0) return start;
  }
  const next = nextWindowStart(hours, arrival);
  return next && next.toPlainDate().equals(date) ? next : arrival;
}

/** Whole minutes, a fraction rounded up (12.2 → 13), float noise from miles ÷ speed not (12.000000000001 → 12). */
function wholeMinutes(m: number, what: string): number {
  if (!(Number.isFinite(m) && m >= 0)) throw new RangeError(`A ${what} of ${m} minutes`);
  return Math.max(0, Math.ceil(m - 1e-9));
}

const clock = (t: Temporal.PlainTime) => t.toString({ smallestUnit: 'minute' });
