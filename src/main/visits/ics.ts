// Planned visits as an iCalendar file (RFC 5545) that Outlook and Google Calendar import.
//
// Times. Every DTSTART/DTEND is written as the wall-clock time in the user's zone under a TZID,
// with a VTIMEZONE for that TZID from timezones-ical-library, computed here with Temporal from the
// stored UTC instant. ical-generator 10.2 takes Temporal values (duck-typed: ZonedDateTime,
// Instant, PlainDateTime, PlainDate) and never needs a JS Date, whose local getters it would use
// under a TZID (the machine's zone, not the user's). Two of its quirks shape this file:
//  - a ZonedDateTime is written in its own zone even when the event's TZID names another, so the
//    value is always built in exactly the TZID it is written under;
//  - when the calendar (not the event) has a zone name, DTSTAMP, CREATED and LAST-MODIFIED are
//    written in that zone without a Z (RFC 5545 requires UTC there) and DTSTART/DTEND get no TZID
//    at all (floating). So the calendar gets only the VTIMEZONE generator (name null), each event
//    carries the zone itself, and those three come out in UTC.
//
// A VTIMEZONE from timezones-ical-library states only the zone's current yearly rule, sometimes
// approximated (Asia/Jerusalem's spring change is "the Friday before the last Sunday of March",
// written as "the last Friday", a week late in some years). Readers such as Outlook and ical.js go
// by the VTIMEZONE; Google goes by the IANA name. A local time that occurs twice (the hour after
// a fall-back) is read differently by different readers: RFC 5545 says the first occurrence,
// ical.js takes the second. So before an event is written under the TZID, its local times are
// read back both ways, the VTIMEZONE's and Temporal's, and must name exactly one instant, the
// stored one; otherwise that event is written in UTC instead (…Z): the same instant for every
// reader, just not tied to the zone.

import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';

export interface IcsVisit {
  id: string;
  /** e.g. "Visit: Lakeside Orthopedics" */
  title: string;
  location: string | null;
  description: string | null;
  /** ISO-8601 UTC instants */
  startsAt: string;
  endsAt: string;
  status: 'planned' | 'completed' | 'missed' | 'cancelled';
  /** integer, bumped by the app on every change */
  sequence: number;
  createdAt: string;
  updatedAt: string;
}

export interface IcsOptions {
  /** IANA zone, the user's, e.g. 'America/Chicago' */
  zone: string;
  calendarName: string;
  /** ISO UTC instant, written as every event's DTSTAMP */
  now: string;
  /** PRODID: -//company//product//language */
  prodId?: { company: string; product: string; language?: string };
}

export const UID_SUFFIX = '@liaison-crm';

const DEFAULT_PROD_ID = { company: 'Liaison CRM', product: 'Liaison CRM', language: 'EN' };

// VEVENT has only TENTATIVE, CONFIRMED and CANCELLED: whether the event is on, not how it went.
// A completed or missed visit was on the calendar as planned, so it stays CONFIRMED; CANCELLED
// would make Outlook and Google drop the event from the calendar on re-import, losing the record
// of a visit that did take (or was meant to take) the time.
const STATUS: Record<IcsVisit['status'], ICalEventStatus> = {
  planned: ICalEventStatus.CONFIRMED,
  completed: ICalEventStatus.CONFIRMED,
  missed: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
};

/** The file text. Throws an Error with a clear message for a zone that is not an IANA zone. */
export function visitsToIcs(visits: readonly IcsVisit[], opts: IcsOptions): string {
  const zone = resolveZone(opts.zone);
  const stamp = instant(opts.now, 'now');
  const prodId = opts.prodId ?? DEFAULT_PROD_ID;
  const cal = ical({
    prodId: { company: escapeText(prodId.company), product: escapeText(prodId.product), language: prodId.language ?? 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // ical-generator writes NAME and X-WR-CALNAME as given, unescaped.
    name: escapeText(opts.calendarName),
    timezone: { name: null, generator: (tzid) => (tzid === zone.tzid ? zone.vtimezone : null) },
  });

  for (const v of visits) {
    if (!/^[A-Za-z0-9._-]+$/.test(v.id)) throw new Error(`Visit id "${v.id}" cannot be used in a calendar UID`);
    if (!Number.isInteger(v.sequence) || v.sequence < 0) throw new Error(`Visit ${v.id}: sequence ${v.sequence} is not a whole number ≥ 0`);
    const start = instant(v.startsAt, `visit ${v.id} startsAt`);
    const end = instant(v.endsAt, `visit ${v.id} endsAt`);
    const tzid = zone.represents(start) && zone.represents(end) ? zone.tzid : 'UTC';
    cal.createEvent({
      id: v.id + UID_SUFFIX,
      sequence: v.sequence,
      stamp,
      created: instant(v.createdAt, `visit ${v.id} createdAt`),
      lastModified: instant(v.updatedAt, `visit ${v.id} updatedAt`),
      // 'UTC' is no zone to ical-generator: no TZID, times with Z.
      timezone: tzid,
      start: start.toZonedDateTimeISO(tzid),
      end: end.toZonedDateTimeISO(tzid),
      summary: cleanText(v.title),
      location: v.location ? cleanText(v.location) : null,
      description: v.description ? cleanText(v.description) : null,
      status: STATUS[v.status],
    });
  }
  return cal.toString();
}

/** iCalendar has whole seconds; the instant is cut to them before anything is compared. */
function instant(iso: string, what: string): Temporal.Instant {
  try {
    return Temporal.Instant.from(iso).round({ smallestUnit: 'second', roundingMode: 'trunc' });
  } catch {
    throw new Error(`${what}: "${iso}" is not an ISO-8601 instant`);
  }
}

/** TEXT that ical-generator escapes itself (SUMMARY, LOCATION, DESCRIPTION): only the control
 *  characters a content line may not hold are removed (tab and line breaks stay). */
function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex -- removing exactly these characters is the point
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

/** TEXT escaped as RFC 5545 3.3.11 says, for the values ical-generator writes unescaped. */
function escapeText(s: string): string {
  return cleanText(s)
    .replace(/[\\;,]/g, (c) => '\\' + c)
    .replace(/\r\n|\r|\n/g, '\\n');
}

// ---------------------------------------------------------------------------------------------
// The zone: its TZID, its VTIMEZONE, and whether a given instant survives a round trip through it.

interface Zone {
  tzid: string;
  vtimezone: string;
  /** true when the instant's wall-clock time under this TZID names that instant and no other,
   *  both by the VTIMEZONE (RFC 5545) and by the IANA zone (Temporal) */
  represents(at: Temporal.Instant): boolean;
}

let knownZones: Set<string> | undefined;

function resolveZone(zone: string): Zone {
  const notIana = () => new Error(`"${zone}" is not an IANA time zone (such as America/Chicago); the calendar cannot be exported in it`);
  let id: string;
  try {
    // Temporal checks the name and corrects its case; it also takes offsets like +05:30, which
    // are not IANA zones and have no VTIMEZONE, so the library's list is the second check.
    id = Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone).timeZoneId;
  } catch {
    throw notIana();
  }
  knownZones ??= new Set(tzlib_get_timezones() as string[]);
  if (!knownZones.has(id)) throw notIana();
  const block = tzlib_get_ical_block(id);
  // [VTIMEZONE, 'TZID=<id>']; a link (US/Central, UTC) comes back under its canonical id
  // (America/Chicago, Etc/UTC), which is then the TZID written and the zone computed in.
  const tzid = Array.isArray(block) ? /^TZID=(.+)$/.exec(block[1] ?? '')?.[1] : undefined;
  if (!tzid || !block[0]) throw notIana();
  const vtimezone = block[0];
  const observances = parseVtimezone(vtimezone);
  return {
    tzid,
    vtimezone,
    represents(at) {
      if (!observances) return false;
      const wall = at.toZonedDateTimeISO(tzid).toPlainDateTime();
      let byIana: Temporal.Instant;
      try {
        byIana = wall.toZonedDateTime(tzid, { disambiguation: 'reject' }).toInstant(); // throws for a repeated time
      } catch {
        return false;
      }
      const byVtimezone = readWallClock(observances, wall);
      return byIana.equals(at) && byVtimezone !== null && byVtimezone.equals(at);
    },
  };
}

/** A STANDARD or DAYLIGHT block: offsets in seconds, its first onset, and its yearly rule. */
interface Observance {
  from: number;
  to: number;
  start: Temporal.PlainDateTime;
  rule: { month: number; nth: number; weekday: number } | null;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The observances of a VTIMEZONE in the forms timezones-ical-library writes (a fixed offset, or
 *  yearly BYMONTH/BYDAY rules); null for anything else, which then is never trusted. */
function parseVtimezone(block: string): Observance[] | null {
  const out: Observance[] = [];
  let cur: Partial<Observance> | null = null;
  for (const line of block.split(/\r?\n/)) {
    const [name = '', value = ''] = line.split(/:(.*)/s);
    if (name === 'BEGIN' && (value === 'STANDARD' || value === 'DAYLIGHT')) cur = { rule: null };
    else if (name === 'END' && (value === 'STANDARD' || value === 'DAYLIGHT')) {
      if (!cur || cur.from === undefined || cur.to === undefined || !cur.start) return null;
      out.push(cur as Observance);
      cur = null;
    } else if (cur && (name === 'TZOFFSETFROM' || name === 'TZOFFSETTO')) {
      const m = /^([+-])(\d{2})(\d{2})$/.exec(value);
      if (!m) return null;
      const seconds = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60);
      if (name === 'TZOFFSETFROM') cur.from = seconds;
      else cur.to = seconds;
    } else if (cur && name === 'DTSTART') {
      const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(value);
      if (!m) return null;
      const [, year, month, day, hour, minute, second] = m.map(Number) as number[];
      cur.start = new Temporal.PlainDateTime(year!, month!, day!, hour!, minute!, second!);
    } else if (cur && name === 'RRULE') {
      const m = /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=([+-]?[1-5])(MO|TU|WE|TH|FR|SA|SU)$/.exec(value);
      if (!m) return null;
      cur.rule = { month: Number(m[1]), nth: Number(m[2]), weekday: WEEKDAYS.indexOf(m[3]!) + 1 };
    } else if (cur && name !== 'TZNAME' && name !== 'COMMENT') return null; // RDATE and the like
  }
  return out.length ? out : null;
}

/** The instant a wall-clock time at a UTC offset (seconds) names. */
const atOffset = (wall: Temporal.PlainDateTime, offset: number) => wall.toZonedDateTime('UTC').toInstant().subtract({ seconds: offset });

/** Where an observance begins in a year: its rule's day at its DTSTART's time, in the offset before it. */
function onsetIn(o: Observance, year: number): Temporal.Instant | null {
  if (!o.rule) return year === o.start.year ? atOffset(o.start, o.from) : null;
  const { month, nth, weekday } = o.rule;
  const first = new Temporal.PlainDate(year, month, 1);
  const day =
    nth > 0
      ? 1 + ((weekday - first.dayOfWeek + 7) % 7) + (nth - 1) * 7
      : first.daysInMonth - ((first.with({ day: first.daysInMonth }).dayOfWeek - weekday + 7) % 7) + (nth + 1) * 7;
  if (day < 1 || day > first.daysInMonth) return null;
  const onset = atOffset(first.with({ day }).toPlainDateTime(o.start.toPlainTime()), o.from);
  return Temporal.Instant.compare(onset, atOffset(o.start, o.from)) >= 0 ? onset : null;
}

/** The UTC offset (seconds) the VTIMEZONE gives an instant: that of the latest onset at or before it. */
function offsetAt(observances: Observance[], at: Temporal.Instant): number | null {
  const year = at.toZonedDateTimeISO('UTC').year;
  let best: { onset: Temporal.Instant; to: number } | null = null;
  for (const o of observances) {
    for (const y of o.rule ? [year - 1, year, year + 1] : [o.start.year]) {
      const onset = onsetIn(o, y);
      if (onset && Temporal.Instant.compare(onset, at) <= 0 && (!best || Temporal.Instant.compare(onset, best.onset) > 0)) best = { onset, to: o.to };
    }
  }
  return best ? best.to : null;
}

/** The instant a reader going by the VTIMEZONE takes a wall-clock time for: the one instant at
 *  which one of the zone's offsets is in force and gives that time. Null if there is none (a
 *  skipped time) or more than one (a repeated time, which readers resolve differently). */
function readWallClock(observances: Observance[], wall: Temporal.PlainDateTime): Temporal.Instant | null {
  const offsets = new Set(observances.flatMap((o) => [o.from, o.to]));
  const readings = [...offsets].map((offset) => ({ offset, at: atOffset(wall, offset) })).filter(({ offset, at }) => offsetAt(observances, at) === offset);
  return readings.length === 1 ? readings[0]!.at : null;
}
