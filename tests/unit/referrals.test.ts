import { describe, expect, it } from 'vitest';
import type { TEAM_ROLES } from '../../src/shared/domain/team';
import { DEFAULT_REFERRAL_SETTINGS } from '../../src/shared/referrals/settings';
import { appsClosedAfterEach, type TestApp } from '../helpers/tempApp';

const open = appsClosedAfterEach();
// Noon UTC: 24 November in every zone a test machine is likely to be in (the service dates "today" in the system's zone).
const NOW = '2026-11-24T12:00:00.000Z';
const TODAY = '2026-11-24';

type Role = (typeof TEAM_ROLES)[number];
type ErrorBody = { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] };

/** An app whose clock reads NOW, "me" in the given role, Lakeside (owned by me) with Dr. Park, and Hilltop with Dr. Hill. */
async function setUp(opts: { role?: Role } = {}) {
  const a = open();
  a.ctx.now = () => NOW;
  const me = await a.call('team.setMe', { name: 'Dana Whitfield', role: opts.role ?? 'liaison' });
  const lakeside = await a.call('offices.create', { name: 'Lakeside Orthopedics', ownerId: me.id, address: { city: 'Toledo', state: 'OH', zip: '43604' } });
  const hilltop = await a.call('offices.create', { name: 'Hilltop Family Medicine', address: { city: 'Kent', zip: '44240' } });
  const park = await a.call('people.create', { officeId: lakeside.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', credentials: 'MD' });
  const hill = await a.call('people.create', { officeId: hilltop.id, kind: 'physician', firstName: 'Mo', lastName: 'Hill', credentials: 'MD' });
  return { a, me, lakeside, hilltop, park, hill };
}

async function refusal(a: TestApp, method: Parameters<TestApp['call']>[0], input: unknown): Promise<ErrorBody> {
  try {
    await a.call(method, input as never);
  } catch (e) {
    const body = (e as { body?: ErrorBody }).body;
    if (!body) throw e;
    return body;
  }
  throw new Error(`${method} was expected to fail`);
}

const count = (a: TestApp, sql: string, ...args: unknown[]) => (a.ctx.store.sqlite.prepare(sql).get(...args) as { n: number }).n;
const referralChanges = (a: TestApp) => count(a, "SELECT count(*) AS n FROM changes WHERE tbl = 'referrals'");

describe('referrals.create', () => {
  it('records every field, counts toward the office’s owner and starts at received', async () => {
    const { a, me, lakeside, park } = await setUp();
    const r = await a.call('referrals.create', {
      officeId: lakeside.id,
      personId: park.id,
      receivedOn: '2026-11-20',
      sourceKind: 'hospital',
      serviceLine: ' Spine ',
      referralCode: 'AB-1234',
      sourceId: 'EPIC-9001',
      notes: 'Urgent: back pain',
    });
    expect(r).toMatchObject({
      direction: 'in',
      receivedOn: '2026-11-20',
      officeId: lakeside.id,
      officeName: 'Lakeside Orthopedics',
      personId: park.id,
      personName: 'Ada Park',
      sourceKind: 'hospital',
      serviceLine: 'Spine',
      referralCode: 'AB-1234',
      sourceId: 'EPIC-9001',
      status: 'received',
      liaisonId: me.id,
      liaisonName: 'Dana Whitfield',
      notes: 'Urgent: back pain',
      lostReason: null,
    });
    expect(await a.call('referrals.get', { id: r.id })).toEqual(r);
    // Defaults: a physician office, direction in, no code.
    const bare = await a.call('referrals.create', { officeId: lakeside.id, receivedOn: TODAY, serviceLine: 'Knee' });
    expect(bare).toMatchObject({ direction: 'in', sourceKind: 'physician_office', referralCode: null, personId: null, notes: null });
  });

  it('sets the status to the furthest step dated, lost over all', async () => {
    const { a, lakeside } = await setUp();
    const base = { officeId: lakeside.id, receivedOn: '2026-11-01', serviceLine: 'Spine' };
    const cases: [Record<string, string>, string][] = [
      [{}, 'received'],
      [{ contactedOn: '2026-11-02' }, 'contacted'],
      [{ contactedOn: '2026-11-02', scheduledOn: '2026-11-03' }, 'scheduled'],
      // An appointment ahead counts as scheduled, and may be dated after today.
      [{ appointmentOn: '2026-12-10' }, 'scheduled'],
      [{ scheduledOn: '2026-11-03', seenOn: '2026-11-10' }, 'seen'],
      [{ seenOn: '2026-11-10', noteSentOn: '2026-11-12' }, 'note_sent'],
      [{ seenOn: '2026-11-10', noteSentOn: '2026-11-12', closedOn: '2026-11-13' }, 'closed'],
      [{ contactedOn: '2026-11-02', lostOn: '2026-11-05', lostReason: 'insurance' }, 'lost'],
    ];
    for (const [dates, status] of cases) expect((await a.call('referrals.create', { ...base, ...dates })).status, JSON.stringify(dates)).toBe(status);
  });

  it('refuses bad dates, people and offices as field errors, and writes nothing', async () => {
    const { a, lakeside, hilltop, hill } = await setUp();
    const base = { officeId: lakeside.id, receivedOn: '2026-11-10', serviceLine: 'Spine' };
    const before = referralChanges(a);
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['arrived in the future', { receivedOn: '2026-11-25' }, 'receivedOn', /after today \(2026-11-24\)/],
      ['contacted before it arrived', { contactedOn: '2026-11-09' }, 'contactedOn', /before the referral arrived \(2026-11-10\)/],
      ['seen in the future', { seenOn: '2026-11-30' }, 'seenOn', /after today/],
      ['lost with no reason', { lostOn: '2026-11-12' }, 'lostReason', /why/],
      ['a reason with no loss', { lostReason: 'insurance' }, 'lostOn', /Date the loss/],
      ['both seen and lost', { seenOn: '2026-11-11', lostOn: '2026-11-12', lostReason: 'insurance' }, 'lostOn', /seen is not lost/],
      ['a note before the visit', { noteSentOn: '2026-11-12' }, 'noteSentOn', /date the visit first/],
      ['a physician at another office', { personId: hill.id }, 'personId', /not at this office/],
      ['a name as the referral code', { referralCode: 'John Smith' }, 'referralCode', /looks like a name/],
      ['a birth date as the referral code', { referralCode: '3/14/61' }, 'referralCode', /looks like a date/],
      ['a medical record number as the referral code', { referralCode: 'MRN 12345678' }, 'referralCode', /medical record number/],
      ['no service line', { serviceLine: '  ' }, 'serviceLine', /service line/],
    ];
    for (const [what, extra, field, message] of cases) {
      const body = await refusal(a, 'referrals.create', { ...base, ...extra });
      expect(body.code, what).toBe('invalid_input');
      expect(body.issues?.[0]?.path, what).toEqual([field]);
      expect(body.issues?.[0]?.message, what).toMatch(message);
    }
    await a.call('offices.archive', { id: hilltop.id });
    const archived = await refusal(a, 'referrals.create', { ...base, officeId: hilltop.id });
    expect(archived.issues?.[0]).toMatchObject({ path: ['officeId'], message: expect.stringMatching(/Hilltop Family Medicine is archived/) });
    expect(referralChanges(a)).toBe(before);
    expect(count(a, 'SELECT count(*) AS n FROM referrals')).toBe(0);
  });

  it('refuses a source system id already recorded in the same direction', async () => {
    const { a, lakeside, hilltop } = await setUp();
    await a.call('referrals.create', { officeId: lakeside.id, receivedOn: TODAY, serviceLine: 'Spine', sourceId: 'PM-77' });
    const body = await refusal(a, 'referrals.create', { officeId: hilltop.id, receivedOn: TODAY, serviceLine: 'Knee', sourceId: 'PM-77' });
    expect(body.issues?.[0]).toMatchObject({ path: ['sourceId'], message: expect.stringMatching(/PM-77 is already recorded/) });
    // A referral the practice sent is another system's numbering.
    await a.call('referrals.create', { direction: 'out', officeId: hilltop.id, receivedOn: TODAY, serviceLine: 'Knee', sourceId: 'PM-77' });
  });
});

describe('referrals.update and referrals.step', () => {
  it('an edit writes only the cells that changed and keeps what it was not sent', async () => {
    const { a, lakeside, park } = await setUp();
    const r = await a.call('referrals.create', { officeId: lakeside.id, personId: park.id, receivedOn: '2026-11-10', sourceKind: 'urgent_care', serviceLine: 'Spine', notes: 'Call first' });
    const before = referralChanges(a);
    const edited = await a.call('referrals.update', { id: r.id, patch: { serviceLine: 'Knee' } });
    // The source kind and notes were not sent, so they stay (a default must not fill them in).
    expect(edited).toMatchObject({ serviceLine: 'Knee', sourceKind: 'urgent_care', notes: 'Call first', personId: park.id });
    // One change per changed column: service_line and updated_at.
    const cols = (a.ctx.store.sqlite.prepare("SELECT col FROM changes WHERE tbl = 'referrals' ORDER BY hlc").all() as { col: string }[]).slice(before).map((c) => c.col);
    expect(cols.sort()).toEqual(['service_line', 'updated_at']);
    // Sending what is already there writes nothing.
    await a.call('referrals.update', { id: r.id, patch: { serviceLine: 'Knee', sourceKind: 'urgent_care' } });
    expect(referralChanges(a)).toBe(before + 2);
    // A date and the status it moves.
    const contacted = await a.call('referrals.update', { id: r.id, patch: { contactedOn: '2026-11-11' } });
    expect(contacted.status).toBe('contacted');
    const cleared = await a.call('referrals.update', { id: r.id, patch: { contactedOn: null, notes: '' } });
    expect(cleared).toMatchObject({ status: 'received', contactedOn: null, notes: null });
  });

  it('moving to another office counts toward its owner and drops the physician who is not there', async () => {
    const { a, lakeside, hilltop, park, hill } = await setUp();
    const r = await a.call('referrals.create', { officeId: lakeside.id, personId: park.id, receivedOn: TODAY, serviceLine: 'Spine' });
    const moved = await a.call('referrals.update', { id: r.id, patch: { officeId: hilltop.id } });
    expect(moved).toMatchObject({ officeId: hilltop.id, personId: null, liaisonId: null });
    const withHill = await a.call('referrals.update', { id: r.id, patch: { personId: hill.id } });
    expect(withHill.personName).toBe('Mo Hill');
    const body = await refusal(a, 'referrals.update', { id: r.id, patch: { personId: park.id } });
    expect(body.issues?.[0]?.path).toEqual(['personId']);
  });

  it('steps through the pipeline, dated today unless said; lost needs a reason', async () => {
    const { a, lakeside } = await setUp();
    const r = await a.call('referrals.create', { officeId: lakeside.id, receivedOn: '2026-11-10', serviceLine: 'Spine' });
    expect(await a.call('referrals.step', { id: r.id, status: 'contacted' })).toMatchObject({ status: 'contacted', contactedOn: TODAY });
    const seen = await a.call('referrals.step', { id: r.id, status: 'seen', on: '2026-11-20' });
    // Seen with no appointment recorded: the visit was the first appointment.
    expect(seen).toMatchObject({ status: 'seen', seenOn: '2026-11-20', appointmentOn: '2026-11-20' });
    expect((await a.call('referrals.step', { id: r.id, status: 'note_sent' })).status).toBe('note_sent');
    const early = await refusal(a, 'referrals.step', { id: r.id, status: 'closed', on: '2026-11-01' });
    expect(early.issues?.[0]).toMatchObject({ path: ['closedOn'], message: expect.stringMatching(/before the referral arrived/) });
    const future = await refusal(a, 'referrals.step', { id: r.id, status: 'closed', on: '2026-12-01' });
    expect(future.issues?.[0]?.path).toEqual(['closedOn']);

    const other = await a.call('referrals.create', { officeId: lakeside.id, receivedOn: '2026-11-10', serviceLine: 'Knee' });
    const noReason = await refusal(a, 'referrals.step', { id: other.id, status: 'lost' });
    expect(noReason.issues?.[0]?.path).toEqual(['lostReason']);
    expect((await a.call('referrals.get', { id: other.id })).status).toBe('received');
    expect(await a.call('referrals.step', { id: other.id, status: 'lost', lostReason: 'chose_elsewhere' })).toMatchObject({
      status: 'lost',
      lostOn: TODAY,
      lostReason: 'chose_elsewhere',
    });
  });

  it('delete leaves a tombstone: gone from get, the list and the counts', async () => {
    const { a, lakeside } = await setUp();
    const r = await a.call('referrals.create', { officeId: lakeside.id, receivedOn: TODAY, serviceLine: 'Spine' });
    expect(await a.call('referrals.delete', { id: r.id })).toEqual({ id: r.id });
    expect((await refusal(a, 'referrals.get', { id: r.id })).code).toBe('not_found');
    expect((await refusal(a, 'referrals.delete', { id: r.id })).code).toBe('not_found');
    expect((await a.call('referrals.list', {})).total).toBe(0);
    expect((await a.call('referrals.reciprocity', { officeId: lakeside.id })).received).toBe(0);
    expect(count(a, 'SELECT count(*) AS n FROM referrals WHERE deleted_at IS NOT NULL')).toBe(1);
  });
});

describe('referrals.list', () => {
  it('filters by direction, status, office, period and search, newest first, in pages', async () => {
    const { a, lakeside, hilltop } = await setUp();
    const make = (extra: Record<string, unknown>) => a.call('referrals.create', { officeId: lakeside.id, serviceLine: 'Spine', receivedOn: '2026-11-01', ...extra });
    await make({ receivedOn: '2026-10-01', referralCode: 'AB12' });
    await make({ receivedOn: '2026-11-02', seenOn: '2026-11-05', serviceLine: 'Knee' });
    await make({ receivedOn: '2026-11-03', lostOn: '2026-11-04', lostReason: 'no_answer', sourceId: 'PM-5' });
    await make({ officeId: hilltop.id, receivedOn: '2026-11-04', direction: 'out' });
    const list = (q: Record<string, unknown>) => a.call('referrals.list', q);
    const days = (r: { rows: { receivedOn: string }[] }) => r.rows.map((x) => x.receivedOn);

    expect(days(await list({}))).toEqual(['2026-11-04', '2026-11-03', '2026-11-02', '2026-10-01']);
    expect(days(await list({ direction: 'out' }))).toEqual(['2026-11-04']);
    expect(days(await list({ direction: 'in', status: ['seen', 'lost'] }))).toEqual(['2026-11-03', '2026-11-02']);
    expect(days(await list({ officeId: hilltop.id }))).toEqual(['2026-11-04']);
    expect(days(await list({ from: '2026-11-02', to: '2026-11-03' }))).toEqual(['2026-11-03', '2026-11-02']);
    expect(days(await list({ search: 'hilltop' }))).toEqual(['2026-11-04']);
    expect(days(await list({ search: 'ab1' }))).toEqual(['2026-10-01']);
    expect(days(await list({ search: 'PM-5' }))).toEqual(['2026-11-03']);
    expect(days(await list({ search: 'knee' }))).toEqual(['2026-11-02']);
    // LIKE's wildcards are searched for as themselves.
    expect((await list({ search: '%' })).total).toBe(0);
    const page1 = await list({ pageSize: 3, page: 1 });
    expect(page1.total).toBe(4);
    expect(days(page1)).toEqual(['2026-10-01']);
  });

  it('suggests the service lines in use, most used first, then the ones the practice priced', async () => {
    const { a, lakeside } = await setUp({ role: 'manager' });
    for (const line of ['Knee', 'Spine', 'Spine']) await a.call('referrals.create', { officeId: lakeside.id, receivedOn: TODAY, serviceLine: line });
    await a.call('referralSettings.save', { ...DEFAULT_REFERRAL_SETTINGS, expectedCents: { Hand: 90_000, Spine: 250_000 } });
    expect((await a.call('referrals.serviceLines', {})).lines).toEqual(['Spine', 'Knee', 'Hand']);
  });
});

describe('referrals.reciprocity', () => {
  it('counts both ways over the last twelve months, with the recent referrals', async () => {
    const { a, lakeside, hilltop } = await setUp();
    const make = (direction: 'in' | 'out', receivedOn: string, officeId = lakeside.id) => a.call('referrals.create', { direction, officeId, receivedOn, serviceLine: 'Spine' });
    await make('in', '2026-11-20');
    await make('in', '2025-11-25'); // the first day of the window
    await make('in', '2025-11-24'); // a year and a day ago: outside
    await make('out', '2026-06-01');
    await make('in', '2026-11-01', hilltop.id);
    const r = await a.call('referrals.reciprocity', { officeId: lakeside.id });
    expect(r).toMatchObject({ officeId: lakeside.id, received: 2, sent: 1, from: '2025-11-25', to: TODAY });
    expect(r.recent.map((x) => `${x.direction} ${x.receivedOn}`)).toEqual(['in 2026-11-20', 'out 2026-06-01', 'in 2025-11-25', 'in 2025-11-24']);
    const period = await a.call('referrals.reciprocity', { officeId: lakeside.id, from: '2025-01-01', to: '2025-12-31' });
    expect(period).toMatchObject({ received: 2, sent: 0 });
  });

  it('a year back from 29 February is 1 March', async () => {
    const { a, lakeside } = await setUp();
    expect((await a.call('referrals.reciprocity', { officeId: lakeside.id, to: '2028-02-29' })).from).toBe('2027-03-01');
  });
});

describe('referralSettings', () => {
  it('a manager saves the rules and they are read back; others are refused and nothing changes', async () => {
    const { a } = await setUp({ role: 'manager' });
    expect(await a.call('referralSettings.get', {})).toEqual({ settings: DEFAULT_REFERRAL_SETTINGS, isDefault: true });
    const mine = { ...DEFAULT_REFERRAL_SETTINGS, loopDays: 10, expectedCents: { Spine: 250_000 } };
    expect(await a.call('referralSettings.save', mine)).toEqual({ settings: mine, isDefault: false });
    expect((await a.call('referralSettings.get', {})).settings.loopDays).toBe(10);

    await a.call('team.setMe', { name: 'Lee Liaison', role: 'liaison' });
    const body = await refusal(a, 'referralSettings.save', DEFAULT_REFERRAL_SETTINGS);
    expect(body.message).toMatch(/Only a manager can change the scorecard rules/);
    expect((await a.call('referralSettings.get', {})).settings).toEqual(mine);
  });

  it('refuses a range whose poor and good are the same, on the good field', async () => {
    const { a } = await setUp({ role: 'manager' });
    const body = await refusal(a, 'referralSettings.save', { ...DEFAULT_REFERRAL_SETTINGS, ranges: { ...DEFAULT_REFERRAL_SETTINGS.ranges, conversion: { poor: 0.5, good: 0.5 } } });
    expect(body.issues?.[0]?.path).toEqual(['ranges', 'conversion', 'good']);
  });
});
