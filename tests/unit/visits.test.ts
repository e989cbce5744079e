import { describe, expect, it } from 'vitest';
import { applyRemote } from '../../src/main/db/applyRemote';
import { officeList } from '../../src/main/offices/listIndex';
import { readChanges } from '../../src/main/sync/changes';
import { worklist } from '../../src/main/visits/worklist';
import { appsClosedAfterEach, type TestApp } from '../helpers/tempApp';

const open = appsClosedAfterEach();
const ZONE = 'America/Chicago';

/** An app whose clock reads `now`, with me (a liaison) and two offices. */
async function setUp(now = '2026-11-24T15:00:00.000Z') {
  const a = open();
  a.ctx.now = () => now;
  const me = await a.call('team.setMe', { name: 'Dana Whitfield', role: 'liaison' });
  const lakeside = await a.call('offices.create', {
    name: 'Lakeside Orthopedics', tier: 'A', stage: 'established', ownerId: me.id, address: { city: 'Toledo', state: 'OH', zip: '43604' },
    visitHours: [{ days: [2, 4], from: '08:00', to: '11:00' }],
  });
  const hilltop = await a.call('offices.create', { name: 'Hilltop Family Medicine', tier: 'C', stage: 'prospect', ownerId: me.id, address: { city: 'Kent', zip: '44240' } });
  const dr = await a.call('people.create', { officeId: lakeside.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', credentials: 'MD' });
  return { a, me, lakeside, hilltop, dr };
}

async function refusal(a: TestApp, method: Parameters<TestApp['call']>[0], input: unknown) {
  try {
    await a.call(method, input as never);
  } catch (e) {
    return (e as { body: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] } }).body;
  }
  throw new Error(`${method} was expected to fail`);
}

describe('visits, touches and the worklist through the API', () => {
  it('a visit completed with feedback and a follow-up moves the next-due date and leaves the worklist', async () => {
    const { a, lakeside, hilltop, dr, me } = await setUp();
    // Lakeside (tier A, never touched, established) and Hilltop (a prospect) are both due now.
    let list = await a.call('worklist.query', { zone: ZONE });
    expect(list.rows.map((r) => r.name).sort()).toEqual(['Hilltop Family Medicine', 'Lakeside Orthopedics']);
    expect(list.rows.find((r) => r.name === 'Hilltop Family Medicine')!.reason).toBe('Due today, not visited yet');

    // Tuesday 24 Nov 2026, 09:00–09:45 in Chicago: inside Lakeside's Tue/Thu 08:00–11:00.
    const plan = await a.call('visits.plan', { officeId: lakeside.id, startsAt: '2026-11-24T15:00:00Z', endsAt: '2026-11-24T15:45:00Z', zone: ZONE });
    if (!plan.saved) throw new Error(plan.warning);
    expect(plan.visit).toMatchObject({ status: 'planned', liaisonId: me.id, officeName: 'Lakeside Orthopedics', sequence: 0 });
    list = await a.call('worklist.query', { zone: ZONE });
    expect(list.rows.find((r) => r.officeId === lakeside.id)!.nextPlanned).toBe('2026-11-24T15:00:00.000Z');

    const done = await a.call('visits.complete', {
      id: plan.visit.id, startsAt: '2026-11-24T15:00:00Z', endsAt: '2026-11-24T15:40:00Z', seen: [dr.id], purpose: 'relationship',
      leftItems: ['Referral pads', 'Brochures'], notes: 'Dr Park asked about MRI wait times',
      feedback: { communication: 4, credibility: 5, capacity: 2, consistency: 3, comment: 'Waits too long' },
      tasks: [{ title: 'Send MRI scheduling line', dueDate: '2026-11-27' }], zone: ZONE,
    });
    expect(done).toMatchObject({ status: 'completed', seen: [dr.id], leftItems: ['Referral pads', 'Brochures'], sequence: 1 });
    expect(done.feedback).toMatchObject({ communication: 4, credibility: 5, capacity: 2, consistency: 3, comment: 'Waits too long' });
    // Tier A: every two weeks from the visit's day.
    expect(await a.call('cadence.office', { officeId: lakeside.id, zone: ZONE })).toMatchObject({ state: 'due', due: '2026-12-08', lastTouch: '2026-11-24', daysOverdue: -14 });
    list = await a.call('worklist.query', { zone: ZONE });
    expect(list.rows.map((r) => r.name)).toEqual(['Hilltop Family Medicine']);
    const week = await a.call('worklist.query', { zone: ZONE, show: 'week' });
    expect(week.total).toBe(1);

    const tasks = await a.call('tasks.list', { zone: ZONE });
    expect(tasks).toMatchObject([{ title: 'Send MRI scheduling line', dueDate: '2026-11-27', ownerId: me.id, visitId: done.id, overdue: false }]);
    // The office's timeline shows the visit with its feedback.
    const detail = await a.call('offices.get', { id: lakeside.id });
    expect(detail.timeline.find((t) => t.id === `visit:${done.id}`)?.detail).toContain('Communication 4/5');
    // One transaction, all in the change log: the visit's edits, the touch, the feedback, the task.
    const tables = new Set(readChanges(a.ctx.store).map((c) => c.tbl));
    for (const t of ['visits', 'touches', 'visit_feedback', 'tasks']) expect(tables).toContain(t);
    void hilltop;
  });

  it('reopening a completed visit reverses its touch (append-only) and the office is due again', async () => {
    const { a, lakeside } = await setUp();
    const logged = await a.call('visits.log', {
      officeId: lakeside.id, startsAt: '2026-11-20T15:00:00Z', endsAt: '2026-11-20T15:30:00Z', zone: ZONE, feedback: { communication: 2 },
    });
    expect(logged.feedback?.communication).toBe(2);
    expect((await a.call('cadence.office', { officeId: lakeside.id, zone: ZONE })).due).toBe('2026-12-04');
    await a.call('visits.reopen', { id: logged.id });
    expect(await a.call('cadence.office', { officeId: lakeside.id, zone: ZONE })).toMatchObject({ due: '2026-11-24', lastTouch: null });
    const touches = a.ctx.store.sqlite.prepare('SELECT kind, day, reverses FROM touches ORDER BY created_at, reverses').all() as { reverses: string | null }[];
    expect(touches).toHaveLength(2);
    expect(touches.filter((t) => t.reverses)).toHaveLength(1);
    // The feedback given at it is withdrawn too (a reversing row): logged again later, it shows none.
    expect((await a.call('visits.get', { id: logged.id })).feedback).toBeNull();
    const again = await a.call('visits.complete', { id: logged.id, startsAt: '2026-11-20T15:00:00Z', endsAt: '2026-11-20T15:30:00Z', zone: ZONE });
    expect(again.feedback).toBeNull();
    expect(a.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM visit_feedback WHERE reverses IS NOT NULL').get()).toEqual({ n: 1 });
  });

  it('a call, email or drop-off is a touch that counts for the cadence, on the day it happened in my zone', async () => {
    const { a, lakeside } = await setUp();
    // 02:30 UTC on the 20th is still the 19th in Chicago.
    await a.call('touches.log', { officeId: lakeside.id, kind: 'call', at: '2026-11-20T02:30:00Z', notes: 'Spoke to the office manager', zone: ZONE });
    expect(await a.call('cadence.office', { officeId: lakeside.id, zone: ZONE })).toMatchObject({ lastTouch: '2026-11-19', due: '2026-12-03' });
    const detail = await a.call('offices.get', { id: lakeside.id });
    expect(detail.timeline.some((t) => t.title.startsWith('Phone call') && t.detail === 'Spoke to the office manager')).toBe(true);
  });

  it('warns before planning outside the best times, and saves once confirmed', async () => {
    const { a, lakeside } = await setUp();
    // Wednesday 25 Nov, 14:00 Chicago: Lakeside's doctors are in Tue and Thu mornings only.
    const input = { officeId: lakeside.id, startsAt: '2026-11-25T20:00:00Z', endsAt: '2026-11-25T20:30:00Z', zone: ZONE };
    const first = await a.call('visits.plan', input);
    expect(first).toEqual({ saved: false, warning: expect.stringContaining('Outside this office') });
    expect(a.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM visits').get()).toEqual({ n: 0 });
    const second = await a.call('visits.plan', { ...input, outsideHoursOk: true });
    expect(second.saved).toBe(true);
  });

  it('moves a planned visit (pinning it), bumps its sequence, and refuses to move a completed one', async () => {
    const { a, hilltop } = await setUp();
    const plan = await a.call('visits.plan', { officeId: hilltop.id, startsAt: '2026-11-26T15:00:00Z', endsAt: '2026-11-26T15:30:00Z', zone: ZONE });
    if (!plan.saved) throw new Error('not saved');
    const moved = await a.call('visits.change', { id: plan.visit.id, patch: { startsAt: '2026-11-27T16:00:00Z', endsAt: '2026-11-27T16:45:00Z' }, zone: ZONE });
    expect(moved).toMatchObject({ saved: true, visit: { startsAt: '2026-11-27T16:00:00.000Z', endsAt: '2026-11-27T16:45:00.000Z', pinned: true, sequence: 1 } });
    const cancelled = await a.call('visits.close', { id: plan.visit.id, status: 'cancelled', reason: 'Office closed for the holiday' });
    expect(cancelled).toMatchObject({ status: 'cancelled', reason: 'Office closed for the holiday', sequence: 2 });
    const refused = await refusal(a, 'visits.change', { id: plan.visit.id, patch: { startsAt: '2026-11-28T16:00:00Z', endsAt: '2026-11-28T16:45:00Z' } });
    expect(refused.message).toMatch(/only a planned visit can be moved/);
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const { a, lakeside, hilltop } = await setUp();
    const before = readChanges(a.ctx.store).length;
    const endFirst = await refusal(a, 'visits.plan', { officeId: hilltop.id, startsAt: '2026-11-26T15:00:00Z', endsAt: '2026-11-26T14:00:00Z' });
    expect(endFirst.issues).toEqual([{ path: ['endsAt'], message: 'The visit must end after it starts' }]);
    const farAway = await refusal(a, 'visits.plan', { officeId: hilltop.id, startsAt: '2029-11-26T15:00:00Z', endsAt: '2029-11-26T16:00:00Z' });
    expect(farAway.issues).toEqual([{ path: ['startsAt'], message: 'That is more than two years away; check the year.' }]);
    await a.call('offices.archive', { id: hilltop.id });
    const archived = await refusal(a, 'visits.plan', { officeId: hilltop.id, startsAt: '2026-11-26T15:00:00Z', endsAt: '2026-11-26T16:00:00Z' });
    expect(archived.message).toMatch(/archived/);
    const rating = await refusal(a, 'visits.log', {
      officeId: lakeside.id, startsAt: '2026-11-20T15:00:00Z', endsAt: '2026-11-20T15:30:00Z', feedback: { communication: 6, capacity: 0 },
    });
    expect(rating.issues).toEqual([
      { path: ['feedback', 'communication'], message: 'Rate from 1 to 5' },
      { path: ['feedback', 'capacity'], message: 'Rate from 1 to 5' },
    ]);
    const noDue = await refusal(a, 'tasks.create', { officeId: lakeside.id, title: 'Call back' });
    expect(noDue.issues).toEqual([{ path: ['dueDate'], message: 'A task needs a due date' }]);
    const badDay = await refusal(a, 'tasks.create', { officeId: lakeside.id, title: 'Call back', dueDate: '2026-02-30' });
    expect(badDay.issues?.[0]?.message).toBe('That date does not exist');
    // A visit logged with a follow-up for someone not on the team passes the schema but not the
    // service: nothing at all is saved, not the visit, not its touch.
    const unknownOwner = await refusal(a, 'visits.log', {
      officeId: lakeside.id, startsAt: '2026-11-20T15:00:00Z', endsAt: '2026-11-20T15:30:00Z',
      tasks: [{ title: 'Call back', dueDate: '2026-11-27', ownerId: '0190a5b0-0000-7000-8000-0000000000ff' }],
    });
    expect(unknownOwner.issues).toEqual([{ path: ['ownerId'], message: 'That team member no longer exists.' }]);
    expect(a.ctx.store.sqlite.prepare('SELECT (SELECT count(*) FROM visits) + (SELECT count(*) FROM touches) AS n').get()).toEqual({ n: 0 });
    // Only the archive was written.
    expect(readChanges(a.ctx.store).slice(before).map((c) => [c.tbl, c.col])).toEqual([
      ['offices', 'archived_at'],
      ['offices', 'updated_at'],
    ]);
  });

  it('filters the worklist by liaison, tier, stage and territory, most overdue first', async () => {
    const { a, me, lakeside } = await setUp();
    const other = await a.call('team.create', { name: 'Sam Ortiz' });
    const far = await a.call('offices.create', { name: 'Riverside Clinic', tier: 'B', stage: 'established', ownerId: other.id, address: { city: 'Toledo', zip: '43606' } });
    await a.call('visits.log', { officeId: far.id, liaisonId: other.id, startsAt: '2026-09-01T15:00:00Z', endsAt: '2026-09-01T15:30:00Z', zone: ZONE });
    await a.call('visits.log', { officeId: lakeside.id, startsAt: '2026-11-01T15:00:00Z', endsAt: '2026-11-01T15:30:00Z', zone: ZONE });
    const all = await a.call('worklist.query', { liaison: 'all', zone: ZONE });
    // Riverside: monthly from 1 Sep, due 1 Oct, 54 days late; Lakeside every 2 weeks from 1 Nov, 9 days late; Hilltop never visited.
    expect(all.rows.map((r) => [r.name, r.daysOverdue])).toEqual([
      ['Riverside Clinic', 54],
      ['Lakeside Orthopedics', 9],
      ['Hilltop Family Medicine', 0],
    ]);
    expect(all.rows[1]!.reason).toBe('9 days overdue, tier A every 2 weeks');
    const mine = await a.call('worklist.query', { zone: ZONE });
    expect(mine.rows.every((r) => r.ownerId === me.id)).toBe(true);
    expect((await a.call('worklist.query', { liaison: 'all', territory: '436', zone: ZONE })).total).toBe(2);
    expect((await a.call('worklist.query', { liaison: 'all', territory: 'toledo', zone: ZONE })).total).toBe(2);
    expect((await a.call('worklist.query', { liaison: 'all', tier: ['C'], zone: ZONE })).rows.map((r) => r.name)).toEqual(['Hilltop Family Medicine']);
    expect((await a.call('worklist.query', { liaison: 'all', stage: ['prospect'], zone: ZONE })).total).toBe(1);
    // Paused offices leave the list; changing the practice's rules re-works every date.
    await a.call('offices.update', { id: far.id, patch: { cadence: { paused: true, reason: 'Renovating' } } });
    expect((await a.call('worklist.query', { liaison: 'all', zone: ZONE })).total).toBe(2);
    const s = (await a.call('cadence.settings', {})).settings;
    await a.call('cadence.save', { ...s, tiers: { ...s.tiers, A: { months: 2 } } });
    expect((await a.call('worklist.query', { liaison: 'all', zone: ZONE })).rows.map((r) => r.name)).toEqual(['Hilltop Family Medicine']);
  });

  it('reminds of today’s visits and overdue tasks, unless switched off', async () => {
    const { a, lakeside } = await setUp('2026-11-24T13:00:00.000Z');
    await a.call('visits.plan', { officeId: lakeside.id, startsAt: '2026-11-24T15:00:00Z', endsAt: '2026-11-24T15:30:00Z', zone: ZONE });
    await a.call('tasks.create', { officeId: lakeside.id, title: 'Overdue thing', dueDate: '2026-11-20' });
    const r = await a.call('reminders.today', { zone: ZONE });
    expect(r).toMatchObject({ enabled: true, overdueTasks: 1, visitsToday: [{ officeName: 'Lakeside Orthopedics' }] });
    await a.call('reminders.setEnabled', { enabled: false });
    expect(await a.call('reminders.today', { zone: ZONE })).toEqual({ enabled: false, visitsToday: [], overdueTasks: 0, curesDue: [] });
  });

  it('leaves the office list as it was: a liaison added while the worklist is loaded shows in both', async () => {
    const { a, lakeside } = await setUp();
    await a.call('worklist.query', { liaison: 'all', zone: ZONE });
    await officeList(a.ctx).warm();
    await a.call('offices.update', { id: lakeside.id, patch: { ownerName: 'Morgan Hale' } });
    expect((await a.call('offices.list', {})).rows.find((r) => r.id === lakeside.id)?.ownerName).toBe('Morgan Hale');
    expect((await a.call('worklist.query', { liaison: 'all', zone: ZONE })).rows.find((r) => r.officeId === lakeside.id)?.ownerName).toBe('Morgan Hale');
  });

  it('two devices that change the practice cadence offline end with the same rules once they swap changes', async () => {
    const { a } = await setUp();
    const { a: b } = await setUp();
    const s = (await a.call('cadence.settings', {})).settings;
    expect((await a.call('cadence.settings', {})).isDefault).toBe(true);
    await a.call('cadence.save', { ...s, tiers: { ...s.tiers, A: { weeks: 3 } } });
    // Later by the clock the change log orders edits by (its hybrid clock, not ctx.now).
    await new Promise((r) => setTimeout(r, 5));
    await b.call('cadence.save', { ...s, tiers: { ...s.tiers, A: { weeks: 4 } } });
    const fromA = readChanges(a.ctx.store).filter((c) => c.tbl === 'settings');
    const fromB = readChanges(b.ctx.store).filter((c) => c.tbl === 'settings');
    applyRemote(a.ctx, fromB);
    applyRemote(b.ctx, fromA);
    // The later save wins on both, as any edited cell does.
    expect((await a.call('cadence.settings', {})).settings.tiers.A).toEqual({ weeks: 4 });
    expect((await b.call('cadence.settings', {})).settings.tiers.A).toEqual({ weeks: 4 });
  });

  it("the calendar's range holds a visit that started before it and is still running", async () => {
    const { a, hilltop } = await setUp();
    await a.call('visits.plan', { officeId: hilltop.id, startsAt: '2026-11-26T23:30:00-06:00', endsAt: '2026-11-27T00:30:00-06:00', zone: ZONE });
    const nextDay = await a.call('visits.range', { from: '2026-11-27T00:00:00-06:00', to: '2026-11-28T00:00:00-06:00', liaison: 'all' });
    expect(nextDay.map((v) => v.officeName)).toEqual(['Hilltop Family Medicine']);
    expect(await a.call('visits.range', { from: '2026-11-27T01:00:00-06:00', to: '2026-11-28T00:00:00-06:00', liaison: 'all' })).toEqual([]);
  });

  it("one liaison's calendar names each office as it is now, archived ones included", async () => {
    const { a, lakeside, hilltop } = await setUp();
    for (const o of [lakeside, hilltop]) {
      await a.call('visits.plan', { officeId: o.id, startsAt: '2026-11-26T15:00:00Z', endsAt: '2026-11-26T15:30:00Z', zone: ZONE, outsideHoursOk: true });
    }
    const range = { from: '2026-11-26T00:00:00Z', to: '2026-11-27T00:00:00Z', liaison: 'me' as const };
    await a.call('worklist.query', { zone: ZONE }); // the model the names come from is loaded
    await a.call('offices.update', { id: lakeside.id, patch: { name: 'Lakeside Orthopaedic Group' } });
    await a.call('offices.archive', { id: hilltop.id });
    const visits = await a.call('visits.range', range);
    expect(visits.map((v) => v.officeName).sort()).toEqual(['Hilltop Family Medicine', 'Lakeside Orthopaedic Group']);
    expect(visits.every((v) => v.liaisonName === 'Dana Whitfield')).toBe(true);
  });

  it('warms the worklist in slices without missing a visit logged meanwhile, and a request mid-way gets the whole list', async () => {
    const { a, lakeside, hilltop } = await setUp();
    for (let i = 0; i < 2500; i++) await a.call('offices.create', { name: `Filler ${i}`, tier: 'C', stage: 'established' });
    const model = worklist(a.ctx);
    const warming = model.warm();
    // Logged while the first slices load: Lakeside is no longer due.
    await a.call('visits.log', { officeId: lakeside.id, startsAt: '2026-11-24T14:00:00Z', endsAt: '2026-11-24T14:30:00Z', zone: ZONE });
    await warming;
    const mine = await a.call('worklist.query', { zone: ZONE });
    expect(mine.rows.map((r) => r.officeId)).toEqual([hilltop.id]);
    expect((await a.call('worklist.query', { liaison: 'all', zone: ZONE, limit: 1 })).total).toBe(2501);
    // A request that arrives while a warm-up is under way loads the rest at once.
    const again = open();
    for (let i = 0; i < 1500; i++) await again.call('offices.create', { name: `Office ${i}`, stage: 'prospect' });
    const slow = worklist(again.ctx).warm();
    await new Promise((r) => setImmediate(r));
    expect((await again.call('worklist.query', { liaison: 'all', zone: ZONE, limit: 1 })).total).toBe(1500);
    await slow;
    expect((await again.call('worklist.query', { liaison: 'all', zone: ZONE, limit: 1 })).total).toBe(1500);
  });
});
