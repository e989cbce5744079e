import { v5 as uuidv5 } from 'uuid';
import { thankYouPeriodStart } from '../../shared/referrals/measures';
import { addDays, dayOf, systemZone } from '../../shared/visits/time';
import type { Ctx } from '../context';
import { insertRow, softDeleteRow, updateRow } from '../db/writePath';
import { readReferralSettings } from './settings';

/**
 * Fixed forever: a thank-you task's id is derived from it, so two devices that each record a
 * referral from one office in one week make the same task and sync merges them into one.
 */
const THANK_YOU_NAMESPACE = '3c9b2f6e-41d7-5a8e-b0c4-7e2d9f1a6b35';

/**
 * An import of last year's referrals would otherwise raise a task for every office and week of the
 * year, all long overdue: a flood nobody can act on, burying the thanks that are still timely. A
 * referral this old is recorded and counted everywhere else, but raises no thank-you task.
 */
export const THANK_YOU_WINDOW_DAYS = 14;

/** A thank-you is due this many days after the period's first referral raised it. */
const DUE_AFTER_DAYS = 2;

/** The period holding `day`, first and last day, for periods of `every` days (the measure's own periods). */
export function thankYouPeriod(day: string, every: number): { start: string; end: string } {
  const start = thankYouPeriodStart(day, every);
  return { start, end: addDays(start, every - 1) };
}

/** The one task an office has for a period, whichever device raises it. */
export function thankYouTaskId(officeId: string, periodStart: string): string {
  return uuidv5(`${officeId}/${periodStart}`, THANK_YOU_NAMESPACE);
}

const title = (n: number) => `Thank-you due: ${n} new referral${n === 1 ? '' : 's'}`;

/**
 * New referrals from an office raise one "thank-you due" task per office and period for its owner
 * (issue 10, item 8), not one per referral: the first referral of the period makes it, later ones
 * only change the count in its title. Called inside the referral's transaction.
 *
 * A task already done (a note was logged, or it was ticked off) stays done for its period: the
 * office has been thanked for that period, and one thanks per period is the point. A task deleted
 * by hand stays deleted. Under sync, two devices raising the same period's task make one row (its
 * id is derived); its count is then the last writer's until the next referral re-counts it.
 */
export function thankYouDue(ctx: Ctx, officeId: string, receivedOn: string): void {
  const every = readReferralSettings(ctx).settings.thankYouEveryDays;
  if (every === 0) return;
  const today = dayOf(ctx.now(), systemZone());
  if (receivedOn < addDays(today, -THANK_YOU_WINDOW_DAYS)) return;
  const { id, count, task } = periodTask(ctx, officeId, receivedOn, every);
  if (task) {
    if (!task.done_at && !task.deleted_at) updateRow(ctx, 'tasks', id, { title: title(count) });
    return;
  }
  const office = ctx.store.read('SELECT owner_id FROM offices WHERE id = ?').get(officeId) as { owner_id: string | null };
  const now = ctx.now();
  insertRow(ctx, 'tasks', {
    id,
    office_id: officeId,
    visit_id: null,
    owner_id: office.owner_id,
    title: title(count),
    due_date: addDays(receivedOn, DUE_AFTER_DAYS),
    done_at: null,
    notes: 'Log the thank-you note from this task (or the office’s Gifts & meals) and it is ticked off.',
    kind: 'thank_you',
    created_at: now,
    updated_at: now,
    deleted_at: null,
  });
}

/** An office's thank-you task for the period holding `day`, and the incoming referrals that period now has. */
function periodTask(ctx: Ctx, officeId: string, day: string, every: number) {
  const { start, end } = thankYouPeriod(day, every);
  const id = thankYouTaskId(officeId, start);
  const count = (
    ctx.store
      .read(`SELECT count(*) AS n FROM referrals WHERE office_id = ? AND direction = 'in' AND deleted_at IS NULL AND received_on BETWEEN ? AND ?`)
      .get(officeId, start, end) as { n: number }
  ).n;
  const task = ctx.store.read('SELECT done_at, deleted_at FROM tasks WHERE id = ?').get(id) as { done_at: string | null; deleted_at: string | null } | undefined;
  return { id, count, task };
}

/**
 * A referral left an office's period (moved to another office or day, or deleted): the period's
 * open thank-you task says its new count, or goes when none is left to thank for. A task already
 * done stays done. Called inside the referral's transaction.
 */
export function thankYouRecount(ctx: Ctx, officeId: string, receivedOn: string): void {
  const every = readReferralSettings(ctx).settings.thankYouEveryDays;
  if (every === 0) return;
  const { id, count, task } = periodTask(ctx, officeId, receivedOn, every);
  if (!task || task.done_at || task.deleted_at) return;
  if (count === 0) softDeleteRow(ctx, 'tasks', id);
  else updateRow(ctx, 'tasks', id, { title: title(count) });
}

/**
 * A thank-you note logged for an office closes its open thank-you tasks, in the note's
 * transaction. Reversing the note later does not reopen them: a reversal corrects the gift log
 * (a note logged twice, or for the wrong office), and whether thanks are still owed is a person's
 * call — they can reopen the task on the Tasks page.
 */
export function thankedOffice(ctx: Ctx, officeId: string): void {
  const open = ctx.store
    .read(`SELECT id FROM tasks WHERE office_id = ? AND kind = 'thank_you' AND done_at IS NULL AND deleted_at IS NULL`)
    .all(officeId) as { id: string }[];
  const now = ctx.now();
  for (const t of open) updateRow(ctx, 'tasks', t.id, { done_at: now });
}
