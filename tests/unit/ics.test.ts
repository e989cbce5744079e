import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { visitsToIcs, type IcsOptions, type IcsVisit } from '../../src/main/visits/ics';

// The files are read back by an independent parser, ical.js, in a child process whose TZ is
// America/Los_Angeles: a zone none of the exports use, so a time that a reader would take as
// floating (a TZID without its VTIMEZONE) or one written in the machine's zone comes back as
// another instant. TZ has to be in the environment when the process starts; Vitest runs a file's
// tests in a process it has already started, so the exports are made and read in a child `node`.

const root = path.resolve(__dirname, '../..');
const READER_TZ = 'America/Los_Angeles';
const ICS_MODULE = pathToFileURL(path.join(root, 'src/main/visits/ics.ts')).href;

/** Runs under TZ=America/Los_Angeles: makes each export with visitsToIcs and reads it with ical.js. */
const CHILD = `
import { readFileSync } from 'node:fs';
import ical from 'ical-generator';
import ICAL from 'ical.js';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { tsImport } from 'tsx/esm/api';
const { visitsToIcs } = await tsImport(${JSON.stringify(ICS_MODULE)}, import.meta.url);
const input = JSON.parse(readFileSync(0, 'utf8'));
const text = (raw) => (raw == null ? null : ICAL.design.icalendar.value.text.fromICAL(raw));
const iso = (t) => (t ? t.toJSDate().toISOString() : null);
function read(ics) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return {
    calendarName: text(cal.getFirstPropertyValue('x-wr-calname')),
    vtimezones: cal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    events: cal.getAllSubcomponents('vevent').map((ve) => {
      const e = new ICAL.Event(ve);
      return {
        uid: e.uid, sequence: e.sequence, status: ve.getFirstPropertyValue('status'),
        summary: e.summary, location: e.location, description: e.description,
        start: iso(e.startDate), end: iso(e.endDate),
        startTzid: ve.getFirstProperty('dtstart').getParameter('tzid') ?? null,
        endTzid: ve.getFirstProperty('dtend').getParameter('tzid') ?? null,
        startZone: e.startDate.zone.tzid, endZone: e.endDate.zone.tzid,
        stamp: iso(ve.getFirstPropertyValue('dtstamp')),
        created: iso(ve.getFirstPropertyValue('created')),
        lastModified: iso(ve.getFirstPropertyValue('last-modified')),
      };
    }),
  };
}
// The control: what this module avoids, a JS Date under a TZID (with its VTIMEZONE), which
// ical-generator writes as the wall clock of the machine's zone.
const naive = ical({ timezone: { name: null, generator: (tz) => tzlib_get_ical_block(tz)[0] } });
naive.createEvent({ id: 'naive', start: new Date(input.naive.startsAt), end: new Date(input.naive.endsAt), timezone: input.naive.zone });
process.stdout.write(JSON.stringify({
  zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  offsets: [new Date('2026-01-15T12:00:00Z').getTimezoneOffset(), new Date('2026-07-15T12:00:00Z').getTimezoneOffset()],
  exports: input.exports.map((x) => { const ics = visitsToIcs(x.visits, x.opts); return { ics, read: read(ics) }; }),
  naive: read(naive.toString()),
}));
`;

interface ReadEvent {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  location: string | null;
  description: string | null;
  start: string;
  end: string;
  startTzid: string | null;
  endTzid: string | null;
  startZone: string;
  endZone: string;
  stamp: string;
  created: string;
  lastModified: string;
}
interface Read {
  calendarName: string | null;
  vtimezones: string[];
  events: ReadEvent[];
}
interface ChildOutput {
  zone: string;
  offsets: number[];
  exports: { ics: string; read: Read }[];
  naive: Read;
}

const visit = (v: Partial<IcsVisit> & Pick<IcsVisit, 'id' | 'startsAt' | 'endsAt'>): IcsVisit => ({
  title: 'Visit: Lakeside Orthopedics',
  location: null,
  description: null,
  status: 'planned',
  sequence: 0,
  createdAt: '2026-01-05T10:00:00Z',
  updatedAt: '2026-01-06T10:00:00Z',
  ...v,
});
const NOW = '2026-03-01T12:00:00Z';
const opts = (zone: string): IcsOptions => ({ zone, calendarName: 'Liaison visits', now: NOW });

/** One visit per export, each in its own zone: how DTSTART/DTEND are written, and the instant read back. */
const cases: { name: string; zone: string; startsAt: string; endsAt: string; dtstart: string; dtend: string }[] = [
  { name: 'New York on the day clocks go forward, after the change', zone: 'America/New_York', startsAt: '2026-03-08T15:30:00Z', endsAt: '2026-03-08T16:15:00Z', dtstart: 'DTSTART;TZID=America/New_York:20260308T113000', dtend: 'DTEND;TZID=America/New_York:20260308T121500' },
  { name: '… across the skipped hour (01:30 EST to 03:30 EDT is one hour)', zone: 'America/New_York', startsAt: '2026-03-08T06:30:00Z', endsAt: '2026-03-08T07:30:00Z', dtstart: 'DTSTART;TZID=America/New_York:20260308T013000', dtend: 'DTEND;TZID=America/New_York:20260308T033000' },
  { name: 'New York in November, after the fall-back', zone: 'America/New_York', startsAt: '2026-11-03T15:00:00Z', endsAt: '2026-11-03T16:00:00Z', dtstart: 'DTSTART;TZID=America/New_York:20261103T100000', dtend: 'DTEND;TZID=America/New_York:20261103T110000' },
  // 01:30 happens twice that night; RFC 5545 reads a TZID's 01:30 as the first (EDT), ical.js as
  // the second (EST). Either one is written in UTC.
  { name: '… the first 01:30 of the fall-back night (EDT) is written in UTC', zone: 'America/New_York', startsAt: '2026-11-01T05:30:00Z', endsAt: '2026-11-01T05:45:00Z', dtstart: 'DTSTART:20261101T053000Z', dtend: 'DTEND:20261101T054500Z' },
  { name: '… and so is the second 01:30 (EST)', zone: 'America/New_York', startsAt: '2026-11-01T06:30:00Z', endsAt: '2026-11-01T06:45:00Z', dtstart: 'DTSTART:20261101T063000Z', dtend: 'DTEND:20261101T064500Z' },
  { name: '… and 02:30 EST, just after the repeated hour, under the TZID', zone: 'America/New_York', startsAt: '2026-11-01T07:30:00Z', endsAt: '2026-11-01T08:30:00Z', dtstart: 'DTSTART;TZID=America/New_York:20261101T023000', dtend: 'DTEND;TZID=America/New_York:20261101T033000' },
  { name: 'London in summer time', zone: 'Europe/London', startsAt: '2026-07-14T08:00:00Z', endsAt: '2026-07-14T09:00:00Z', dtstart: 'DTSTART;TZID=Europe/London:20260714T090000', dtend: 'DTEND;TZID=Europe/London:20260714T100000' },
  { name: 'London after its October change', zone: 'Europe/London', startsAt: '2026-10-26T09:00:00Z', endsAt: '2026-10-26T10:00:00Z', dtstart: 'DTSTART;TZID=Europe/London:20261026T090000', dtend: 'DTEND;TZID=Europe/London:20261026T100000' },
  { name: 'a visit planned in Chicago (09:00 CDT) exported for a user in Asia/Kolkata', zone: 'Asia/Kolkata', startsAt: '2026-06-15T14:00:00Z', endsAt: '2026-06-15T15:00:00Z', dtstart: 'DTSTART;TZID=Asia/Kolkata:20260615T193000', dtend: 'DTEND;TZID=Asia/Kolkata:20260615T203000' },
  { name: 'a link name (US/Central) is written under its canonical TZID', zone: 'US/Central', startsAt: '2026-06-15T14:00:00Z', endsAt: '2026-06-15T15:00:00Z', dtstart: 'DTSTART;TZID=America/Chicago:20260615T090000', dtend: 'DTEND;TZID=America/Chicago:20260615T100000' },
  // Israel's clocks went forward on Friday 2028-03-24; the library's VTIMEZONE says "the last
  // Friday of March" (the 31st), so a reader going by it would be an hour out that week.
  { name: 'Jerusalem in the week its VTIMEZONE gets wrong is written in UTC', zone: 'Asia/Jerusalem', startsAt: '2028-03-27T07:00:00Z', endsAt: '2028-03-27T08:00:00Z', dtstart: 'DTSTART:20280327T070000Z', dtend: 'DTEND:20280327T080000Z' },
  { name: '… and under its TZID the rest of the year', zone: 'Asia/Jerusalem', startsAt: '2028-06-27T07:00:00Z', endsAt: '2028-06-27T08:00:00Z', dtstart: 'DTSTART;TZID=Asia/Jerusalem:20280627T100000', dtend: 'DTEND;TZID=Asia/Jerusalem:20280627T110000' },
];

/** A liaison's week in New York, with text that needs escaping, exported twice (after edits). */
const DESCRIPTION = 'Bring lunch for 6, ask for Dr. Ng; parking in back\nLeave samples at the front desk \\ reception';
const book: IcsVisit[] = [
  visit({ id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', title: 'Visit: Lakeside Orthopedics, Main St', location: 'Suite 200; 2nd floor, 12 Main St', description: DESCRIPTION, startsAt: '2026-03-09T14:00:00Z', endsAt: '2026-03-09T14:45:00Z', sequence: 0, updatedAt: '2026-02-01T11:22:33.456Z' }),
  visit({ id: 'v-completed', startsAt: '2026-03-10T14:00:00Z', endsAt: '2026-03-10T15:00:00Z', status: 'completed', sequence: 2 }),
  visit({ id: 'v-missed', startsAt: '2026-03-11T14:00:00Z', endsAt: '2026-03-11T15:00:00Z', status: 'missed', sequence: 1 }),
  visit({ id: 'v-cancelled', startsAt: '2026-03-12T14:00:00Z', endsAt: '2026-03-12T15:00:00Z', status: 'cancelled', sequence: 7 }),
];
const bookOpts: IcsOptions = { zone: 'America/New_York', calendarName: 'Visits, Lakeside; Q1\nTeam', now: NOW };
const edited = book.map((v) => ({ ...v, title: `${v.title} (moved)`, sequence: v.sequence + 1, updatedAt: '2026-03-02T09:00:00Z' }));
const editedOpts: IcsOptions = { ...bookOpts, now: '2026-03-02T09:30:00Z' };

const exportsIn: { visits: IcsVisit[]; opts: IcsOptions }[] = [
  ...cases.map((c) => ({ visits: [visit({ id: 'v1', startsAt: c.startsAt, endsAt: c.endsAt })], opts: opts(c.zone) })),
  { visits: book, opts: bookOpts },
  { visits: edited, opts: editedOpts },
];
const NAIVE = { zone: 'America/New_York', startsAt: '2026-03-08T15:30:00Z', endsAt: '2026-03-08T16:15:00Z' };

let child: ChildOutput;
beforeAll(() => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], {
    cwd: root,
    env: { ...process.env, TZ: READER_TZ },
    input: JSON.stringify({ exports: exportsIn, naive: NAIVE }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`the reader process failed (${r.status ?? r.signal}): ${r.stderr}`);
  child = JSON.parse(r.stdout) as ChildOutput;
});

const lines = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');
const ms = (iso: string) => Date.parse(iso);

describe('the reader', () => {
  it(`ran in ${READER_TZ}, and a wall clock written in the machine's zone comes back as another instant there`, () => {
    expect(child.zone).toBe(READER_TZ);
    expect(child.offsets).toEqual([480, 420]);
    // The control: a JS Date under TZID=America/New_York is written as 08:30 (Los Angeles),
    // read as 08:30 in New York: three hours early. The exports below must not do this.
    const [naive] = child.naive.events;
    expect(lines(child.exports[0]!.ics)).toContain('DTSTART;TZID=America/New_York:20260308T113000');
    expect(naive!.startTzid).toBe('America/New_York');
    expect(ms(naive!.start)).toBe(ms(NAIVE.startsAt) - 3 * 3_600_000);
  });

  it("the file does not depend on the machine's zone: made under Tokyo and under Los Angeles, it is the same text", () => {
    // Node re-reads TZ when it is assigned at run time; this test puts it back however it ends.
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(-540);
      exportsIn.forEach((x, i) => expect(visitsToIcs(x.visits, x.opts)).toBe(child.exports[i]!.ics));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('visit times read back by ical.js are the stored instants', () => {
  it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    const { ics, read } = child.exports[i]!;
    expect(lines(ics)).toEqual(expect.arrayContaining([c.dtstart, c.dtend]));
    const [e] = read.events;
    expect([ms(e!.start), ms(e!.end)]).toEqual([ms(c.startsAt), ms(c.endsAt)]);
    // A TZID that resolved to its VTIMEZONE in the file (never "floating"), or UTC.
    const tzid = /TZID=([^:]+)/.exec(c.dtstart)?.[1] ?? null;
    expect([e!.startTzid, e!.endTzid]).toEqual([tzid, tzid]);
    expect([e!.startZone, e!.endZone]).toEqual([tzid ?? 'UTC', tzid ?? 'UTC']);
    if (tzid) expect(read.vtimezones).toEqual([tzid]);
  });
});

describe('a visit book exported twice', () => {
  const first = () => child.exports[cases.length]!;
  const second = () => child.exports[cases.length + 1]!;

  it('keeps each UID across exports and carries each visit’s SEQUENCE', () => {
    const uids = book.map((v) => `${v.id}@liaison-crm`);
    expect(first().read.events.map((e) => e.uid)).toEqual(uids);
    expect(second().read.events.map((e) => e.uid)).toEqual(uids);
    expect(first().read.events.map((e) => e.sequence)).toEqual([0, 2, 1, 7]);
    expect(second().read.events.map((e) => e.sequence)).toEqual([1, 3, 2, 8]);
    expect(second().read.events.map((e) => e.summary)).toEqual(edited.map((v) => v.title));
  });

  it('is CANCELLED only for a cancelled visit; planned, completed and missed are CONFIRMED', () => {
    expect(first().read.events.map((e) => e.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CANCELLED']);
  });

  it('writes DTSTAMP (the export time), CREATED and LAST-MODIFIED in UTC, to the second', () => {
    const [e] = first().read.events;
    expect([e!.stamp, e!.created, e!.lastModified]).toEqual(['2026-03-01T12:00:00.000Z', '2026-01-05T10:00:00.000Z', '2026-02-01T11:22:33.000Z']);
    expect(second().read.events.map((x) => [x.stamp, x.lastModified])).toEqual(book.map(() => ['2026-03-02T09:30:00.000Z', '2026-03-02T09:00:00.000Z']));
    const l = lines(first().ics);
    expect(l).toEqual(expect.arrayContaining(['DTSTAMP:20260301T120000Z', 'CREATED:20260105T100000Z', 'LAST-MODIFIED:20260201T112233Z']));
  });

  it('has one VTIMEZONE, with the TZID every DTSTART and DTEND uses', () => {
    const { read, ics } = first();
    expect(read.vtimezones).toEqual(['America/New_York']);
    expect(read.events.flatMap((e) => [e.startTzid, e.endTzid, e.startZone])).toEqual(book.flatMap(() => Array(3).fill('America/New_York')));
    expect(read.events.map((e) => [e.start, e.end])).toEqual(book.map((v) => [v.startsAt, v.endsAt].map((t) => new Date(t).toISOString())));
    expect(lines(ics)).toContain('DTSTART;TZID=America/New_York:20260309T100000');
  });

  it('escapes commas, semicolons, backslashes and newlines, and they read back as typed', () => {
    const [e] = first().read.events;
    expect([e!.summary, e!.location, e!.description]).toEqual([book[0]!.title, book[0]!.location, DESCRIPTION]);
    expect(first().read.calendarName).toBe(bookOpts.calendarName);
    const l = lines(first().ics);
    expect(l).toEqual(
      expect.arrayContaining([
        'SUMMARY:Visit: Lakeside Orthopedics\\, Main St',
        'LOCATION:Suite 200\\; 2nd floor\\, 12 Main St',
        'DESCRIPTION:Bring lunch for 6\\, ask for Dr. Ng\\; parking in back\\nLeave samples at the front desk \\\\ reception',
        'X-WR-CALNAME:Visits\\, Lakeside\\; Q1\\nTeam',
      ]),
    );
    // No property the text could have started (an unescaped newline would begin a line).
    expect(l.filter((x) => x.startsWith('Leave') || x.startsWith('Team'))).toEqual([]);
  });
});

describe('what visitsToIcs refuses or cleans', () => {
  const one = [visit({ id: 'v1', startsAt: '2026-06-01T14:00:00Z', endsAt: '2026-06-01T15:00:00Z' })];

  it.each(['Mars/Olympus', 'America/Chicag', '+05:30', 'EST5EDTX', ''])('a zone that is not an IANA zone (%j) is an error that says so', (zone) => {
    expect(() => visitsToIcs(one, opts(zone))).toThrow(`"${zone}" is not an IANA time zone (such as America/Chicago)`);
  });

  it('takes a zone name in any case and writes it as IANA spells it', () => {
    expect(lines(visitsToIcs(one, opts('america/chicago')))).toContain('DTSTART;TZID=America/Chicago:20260601T090000');
  });

  it('says which visit and field hold a time that is not an instant', () => {
    expect(() => visitsToIcs([{ ...one[0]!, endsAt: '2026-06-01 15:00' }], opts('America/Chicago'))).toThrow('visit v1 endsAt: "2026-06-01 15:00" is not an ISO-8601 instant');
    expect(() => visitsToIcs(one, { ...opts('America/Chicago'), now: 'yesterday' })).toThrow('now: "yesterday" is not an ISO-8601 instant');
  });

  it('drops control characters a calendar line may not hold, keeping tabs and line breaks', () => {
    const ics = visitsToIcs([{ ...one[0]!, description: 'a\u0007b\tc\u0000\nd' }], opts('America/Chicago'));
    expect(lines(ics)).toContain('DESCRIPTION:ab\tc\\nd');
  });
});
