import { describe, expect, it } from 'vitest';
import { applyRemote } from '../../src/main/db/applyRemote';
import { thankYouPeriod, thankYouTaskId } from '../../src/main/referrals/thankYou';
import { readChanges } from '../../src/main/sync/changes';
import { DEFAULT_REFERRAL_SETTINGS } from '../../src/shared/referrals/settings';
import { appsClosedAfterEach, type TestApp } from '../helpers/tempApp';

const open = appsClosedAfterEach();
// Tuesday 24 November 2026: its week runs Monday the 23rd to Sunday the 29th.
const NOW = '2026-11-24T15:00:00.000Z';

async function setUp(now = NOW) {
  const a = open();
  a.ctx.now = () => now;
  const me = await a.call('team.setMe', { name: 'Dana Whitfield', role: 'manager' });
  const lakeside = await a.call('offices.create', { name: 'Lakeside Orthopedics', ownerId: me.id });
  const hilltop = await a.call('offices.create', { name: 'Hilltop Family Medicine' });
  const referral = (officeId: string, receivedOn: string, direction: 'in' | 'out' = 'in') =>
    a.call('referrals.create', { officeId, receivedOn, direction, sourceKind: 'physician_office', serviceLine: 'Spine' });
  const thankYous = async () => (await a.call('tasks.list', { owner: 'all', state: 'all' })).filter((t) => t.kind === 'thank_you').sort((x, y) => x.dueDate.localeCompare(y.dueDate));
  const note = (officeId: string) =>
    a.call('gifts.log', { officeId, kind: 'thank_you_note', day: '2026-11-24', totalCents: 0, peopleSharing: 1, recipients: [], description: 'Thanks for the referrals' });
  return { a, me, lakeside, hilltop, referral, thankYous, note };
}

const taskChanges = (a: TestApp, id: string) => readChanges(a.ctx.store).filter((c) => c.tbl === 'tasks' && c.row_id === id).map((c) => c.col);

describe('thank-you tasks', () => {
  it('raise one task per office and week for its owner, counting the week’s referrals, and a new one the next week', async () => {
    const { a, me, lakeside, hilltop, referral, thankYous } = await setUp();
    await referral(lakeside.id, '2026-11-23');
    await referral(lakeside.id, '2026-11-24');
    await referral(lakeside.id, '2026-11-24');
    await referral(lakeside.id, '2026-11-24', 'out'); // sent by the practice: nothing to thank them for
    let tasks = await thankYous();
    expect(tasks).toEqual([
      expect.objectContaining({
        id: thankYouTaskId(lakeside.id, '2026-11-23'),
        officeId: lakeside.id,
        ownerId: me.id,
        title: 'Thank-you due: 3 new referrals',
        dueDate: '2026-11-25',
        doneAt: null,
        kind: 'thank_you',
      }),
    ]);
    // Each later referral re-counted the title, and wrote nothing else.
    expect(taskChanges(a, tasks[0]!.id)).toEqual(['*', 'title', 'updated_at', 'title', 'updated_at']);

    // Another office (with no owner), and last week's referral for Lakeside: a task each.
    await referral(hilltop.id, '2026-11-24');
    await referral(lakeside.id, '2026-11-19');
    tasks = await thankYous();
    expect(tasks.map((t) => [t.officeName, t.title, t.dueDate, t.ownerId])).toEqual([
      ['Lakeside Orthopedics', 'Thank-you due: 1 new referral', '2026-11-21', me.id],
      ['Lakeside Orthopedics', 'Thank-you due: 3 new referrals', '2026-11-25', me.id],
      ['Hilltop Family Medicine', 'Thank-you due: 1 new referral', '2026-11-26', null],
    ]);

    // The next week: a new task, the old one left as it was.
    a.ctx.now = () => '2026-12-01T15:00:00.000Z';
    await referral(lakeside.id, '2026-11-30');
    expect((await thankYous()).filter((t) => t.officeId === lakeside.id).map((t) => [t.title, t.dueDate])).toEqual([
      ['Thank-you due: 1 new referral', '2026-11-21'],
      ['Thank-you due: 3 new referrals', '2026-11-25'],
      ['Thank-you due: 1 new referral', '2026-12-02'],
    ]);
  });

  it('are not raised by referrals more than 14 days old (an import of history), nor when turned off', async () => {
    const { a, lakeside, referral, thankYous } = await setUp();
    await referral(lakeside.id, '2026-10-01');
    await referral(lakeside.id, '2026-11-09'); // 15 days before today
    expect(await thankYous()).toEqual([]);
    await referral(lakeside.id, '2026-11-10'); // 14 days: still timely
    // It counts its whole week, the day too old to raise a task included.
    expect((await thankYous()).map((t) => t.title)).toEqual(['Thank-you due: 2 new referrals']);

    await a.call('referralSettings.save', { ...DEFAULT_REFERRAL_SETTINGS, thankYouEveryDays: 0 });
    await referral(lakeside.id, '2026-11-24');
    expect(await thankYous()).toHaveLength(1);
  });

  it('follow a referral moved to another office or week, or deleted: the count it left goes down, an empty open task goes', async () => {
    const { a, lakeside, hilltop, referral, thankYous } = await setUp();
    const first = await referral(lakeside.id, '2026-11-23');
    const second = await referral(lakeside.id, '2026-11-24');
    expect((await thankYous()).map((t) => [t.officeName, t.title])).toEqual([['Lakeside Orthopedics', 'Thank-you due: 2 new referrals']]);
    // Logged under the wrong office: Lakeside's count goes down, Hilltop has one to thank for.
    await a.call('referrals.update', { id: second.id, patch: { officeId: hilltop.id } });
    expect((await thankYous()).map((t) => [t.officeName, t.title])).toEqual([
      ['Lakeside Orthopedics', 'Thank-you due: 1 new referral'],
      ['Hilltop Family Medicine', 'Thank-you due: 1 new referral'],
    ]);
    // Re-dated into last week: this week's task for Lakeside has nothing left and goes; last week's says one.
    await a.call('referrals.update', { id: first.id, patch: { receivedOn: '2026-11-18' } });
    expect((await thankYous()).map((t) => [t.officeName, t.title, t.dueDate])).toEqual([
      ['Lakeside Orthopedics', 'Thank-you due: 1 new referral', '2026-11-20'],
      ['Hilltop Family Medicine', 'Thank-you due: 1 new referral', '2026-11-26'],
    ]);
    // Deleted: its task goes with it. A done task stays done whatever happens to its referrals.
    await a.call('referrals.delete', { id: second.id });
    const [lastWeek] = await thankYous();
    await a.call('tasks.done', { id: lastWeek!.id });
    await a.call('referrals.delete', { id: first.id });
    expect((await thankYous()).map((t) => [t.officeName, t.title, t.doneAt !== null])).toEqual([['Lakeside Orthopedics', 'Thank-you due: 1 new referral', true]]);
  });

  it('are closed by a thank-you note for the office, in the note’s transaction; a reversed note reopens nothing', async () => {
    const { a, lakeside, hilltop, referral, thankYous, note } = await setUp();
    await referral(lakeside.id, '2026-11-17');
    await referral(lakeside.id, '2026-11-24');
    await referral(hilltop.id, '2026-11-24');
    // A meal is not a thank-you note.
    await a.call('gifts.log', { officeId: lakeside.id, kind: 'meal', day: '2026-11-24', totalCents: 5_000, peopleSharing: 5, recipients: [], description: 'Lunch' });
    expect((await thankYous()).filter((t) => t.doneAt)).toEqual([]);

    // The tasks are closed in the note's transaction: if closing fails, the note is not logged either.
    const entries = () => (a.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM gift_entries').get() as { n: number }).n;
    const before = entries();
    a.ctx.store.sqlite.exec(`CREATE TRIGGER stuck BEFORE UPDATE OF done_at ON tasks BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(note(lakeside.id)).rejects.toThrow();
    a.ctx.store.sqlite.exec('DROP TRIGGER stuck');
    expect(entries()).toBe(before);

    const logged = await note(lakeside.id);
    const tasks = await thankYous();
    expect(tasks.map((t) => [t.officeName, t.doneAt])).toEqual([
      ['Lakeside Orthopedics', NOW],
      ['Lakeside Orthopedics', NOW],
      ['Hilltop Family Medicine', null],
    ]);

    // The week's next referral leaves the thanked task done.
    await referral(lakeside.id, '2026-11-24');
    const week = (await thankYous()).find((t) => t.id === thankYouTaskId(lakeside.id, '2026-11-23'))!;
    expect(week).toMatchObject({ doneAt: NOW, title: 'Thank-you due: 1 new referral' });

    await a.call('gifts.reverse', { id: logged.id, reason: 'Logged for the wrong office' });
    expect((await thankYous()).filter((t) => t.officeId === lakeside.id).every((t) => t.doneAt === NOW)).toBe(true);
  });

  it('have an id derived from office and period, so two devices raise the same task and sync keeps one', async () => {
    const { a, lakeside, referral } = await setUp();
    const b = open();
    b.ctx.now = () => NOW;
    applyRemote(b.ctx, readChanges(a.ctx.store));
    await referral(lakeside.id, '2026-11-23');
    await b.call('referrals.create', { officeId: lakeside.id, receivedOn: '2026-11-24', sourceKind: 'hospital', serviceLine: 'Joints' });
    applyRemote(a.ctx, readChanges(b.ctx.store));
    applyRemote(b.ctx, readChanges(a.ctx.store));
    const sql = `SELECT id, office_id, kind, due_date, done_at, deleted_at FROM tasks WHERE kind = 'thank_you'`;
    const rows = a.ctx.store.sqlite.prepare(sql).all();
    expect(rows).toEqual([{ id: thankYouTaskId(lakeside.id, '2026-11-23'), office_id: lakeside.id, kind: 'thank_you', due_date: expect.any(String), done_at: null, deleted_at: null }]);
    expect(b.ctx.store.sqlite.prepare(sql).all()).toEqual(rows);
    expect(thankYouTaskId(lakeside.id, '2026-11-23')).not.toBe(thankYouTaskId(lakeside.id, '2026-11-30'));
  });

  it('cut periods from a fixed Monday: weeks Monday to Sunday, other lengths alike on every device', () => {
    expect(thankYouPeriod('2026-11-23', 7)).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(thankYouPeriod('2026-11-29', 7)).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(thankYouPeriod('2026-11-30', 7)).toEqual({ start: '2026-11-30', end: '2026-12-06' });
    expect(thankYouPeriod('1970-01-04', 7)).toEqual({ start: '1969-12-29', end: '1970-01-04' });
    const fortnight = thankYouPeriod('2026-11-24', 14);
    expect(new Date(`${fortnight.start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(thankYouPeriod(fortnight.end, 14)).toEqual(fortnight);
    expect(thankYouPeriod('2026-11-24', 1)).toEqual({ start: '2026-11-24', end: '2026-11-24' });
  });
});
